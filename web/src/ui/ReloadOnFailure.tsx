import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Said when a part of the app could not be downloaded (a lost connection, or a new version installed meanwhile). */
export function PageFailed() {
  const { t } = useTranslation();
  return (
    <div className="alert alert-error" role="alert">
      <p>{t('pageLoadFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('reloadPage')}
      </button>
    </div>
  );
}

/** Catches a part of the app that failed to download or draw, and offers to load the page again. */
export class ReloadOnFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  componentDidCatch(error: unknown) {
    console.error(error);
  }
  render() {
    return this.state.failed ? <PageFailed /> : this.props.children;
  }
}
