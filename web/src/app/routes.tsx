import { lazy, Suspense } from 'react';
import { createBrowserRouter, RouterProvider, useLocation, useRouteError, type RouteObject } from 'react-router';
import type { PageRoute } from '../lib/routes.ts';
import { useCan } from '../lib/session.ts';
import { Loading } from '../ui/Loaded.tsx';
import { PageFailed } from '../ui/ReloadOnFailure.tsx';
import './localesAfterLogin.ts';
import { NotFoundPage } from './NotFoundPage.tsx';
import { pageRoutes } from './pages.ts';
import { Shell } from './Shell.tsx';

/** A page's route: shown only with its permission (otherwise as not found), its code loaded when first opened. */
function pageRoute(route: PageRoute): RouteObject {
  const Page = lazy(() => route.load().then((component) => ({ default: component })));
  function GuardedPage() {
    const can = useCan();
    // A new address is a new page (/clients/a → /clients/b): its own state, and its heading takes focus.
    const { pathname } = useLocation();
    if (route.permission && !can(route.permission)) return <NotFoundPage />;
    return (
      <Suspense key={pathname} fallback={<Loading />}>
        <Page />
      </Suspense>
    );
  }
  return { path: route.path, element: <GuardedPage />, errorElement: <PageError /> };
}

/** A page whose code could not be downloaded, or that failed to draw: said, with a way to load it again. */
function PageError() {
  console.error(useRouteError());
  return <PageFailed />;
}

/** The logged-in app's router: the Shell around every declared page, one address each. */
const router = createBrowserRouter([
  {
    element: <Shell />,
    errorElement: (
      <main id="main">
        <PageError />
      </main>
    ),
    children: [...pageRoutes.map(pageRoute), { path: '*', element: <NotFoundPage /> }],
  },
]);

/** The app once logged in; the session comes from App, around it. */
export function LoggedIn() {
  return <RouterProvider router={router} />;
}
