import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './app/i18n.ts';
import './styles.css';
import { App } from './app/App.tsx';
import { PublicReferralPage } from './features/public/PublicReferralPage.tsx';

// The public help page never asks for a session: it must leave no cookie behind.
const page = window.location.pathname === '/help' ? <PublicReferralPage /> : <App />;
createRoot(document.getElementById('root')!).render(<StrictMode>{page}</StrictMode>);
