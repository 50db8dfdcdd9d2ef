import { useTranslation } from 'react-i18next';
import { codeName } from '../../ui/form/codeNames.ts';

type Names = { fi?: string; sv?: string; en?: string };

/** A programme's own words (its name, a content type, a goal) in the reader's language. */
export function named(names: Names | undefined, language: string): string {
  return names?.[language as keyof Names] ?? names?.fi ?? '';
}

/** A weekday's name (1 = Monday) in the reader's language. */
export function weekdayName(isoWeekday: number, language: string): string {
  // 1 January 2024 was a Monday.
  return new Intl.DateTimeFormat(`${language}-FI`, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, isoWeekday)));
}

/** An entry requirement in plain words: what a person must have to join. */
/** A requirement as the group's response carries it: the fields of its kind. */
type RequirementShown = { kind?: string; genders?: string[]; languages?: string[]; level?: string; script?: string };

export function useRequirementText(): (requirement: RequirementShown) => string {
  const { t, i18n } = useTranslation('coaching');
  const language = i18n.language;
  const or = (items: string[]) => new Intl.ListFormat(language, { type: 'disjunction' }).format(items);
  return (requirement) => {
    if (requirement.kind === 'gender')
      return t('requirement.gender', { genders: or((requirement.genders ?? []).map((gender) => t(`genders.${gender}`))) });
    if (requirement.kind === 'language')
      return t('requirement.language', {
        languages: or((requirement.languages ?? []).map((code) => codeName('language', code, language))),
        level: t(`levels.${requirement.level}`),
      });
    if (requirement.kind === 'literacy') return t('requirement.literacy', { script: t(`scripts.${requirement.script}`) });
    return '';
  };
}
