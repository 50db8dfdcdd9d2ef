import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n.ts';
import './styles.css';

// The public help page is for a person who may be in danger, on a phone: it downloads its own page
// only, never the staff app, and never asks for a session, so it leaves no cookie behind.
const page: Promise<ReactNode> =
  window.location.pathname === '/help'
    ? import('./features/public/PublicReferralPage.tsx').then(({ PublicReferralPage }) => <PublicReferralPage />)
    : import('./app/main.tsx').then(({ StaffApp }) => <StaffApp />);

void page.then((element) => createRoot(document.getElementById('root')!).render(<StrictMode>{element}</StrictMode>));
