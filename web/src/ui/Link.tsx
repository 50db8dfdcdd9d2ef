import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

/** A link inside the app: followed without reloading the page; a new tab or window opens as usual. */
export function Link({
  to,
  children,
  ...rest
}: {
  to: string;
  children: ReactNode;
  'aria-current'?: 'page' | undefined;
  className?: string;
}) {
  return (
    <RouterLink to={to} {...rest}>
      {children}
    </RouterLink>
  );
}
