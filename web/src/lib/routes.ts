import type { ComponentType } from 'react';
import type { Permission } from './session.ts';

/**
 * A page of the staff app, declared by its feature (`features/<name>/routes.ts`) and composed by the
 * app (`app/routes.tsx`). The page's code is its own chunk, downloaded when the page is first opened.
 */
export interface PageRoute {
  /** The address, as React Router reads it (`/clients/:clientId`). Addresses carry ids, never client data. */
  path: string;
  /**
   * Who may open the page and see its navigation entry: a permission the server lists in the session.
   * Without one, every logged-in person. The server checks every request again; this only spares
   * people pages they could not use.
   */
  permission?: Permission;
  /** Loads the page's component: `() => import('./ClientListPage.tsx').then((module) => module.ClientListPage)`. */
  load: () => Promise<ComponentType>;
  /** An entry in the main navigation: its label (a key of the common namespace) and place (lower first). */
  nav?: { label: string; order: number; onHomePage?: boolean };
}
