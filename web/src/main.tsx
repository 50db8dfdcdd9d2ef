import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import './lib/i18n.ts';
import './styles.css';

// The public site (/help) is rendered by the server and never loads this app (src/features/publicSite).
const page: Promise<ReactNode> = import('./app/main.tsx').then(({ StaffApp }) => <StaffApp />);

void page.then((element) => createRoot(document.getElementById('root')!).render(<StrictMode>{element}</StrictMode>));
