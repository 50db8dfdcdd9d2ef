import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from '../lib/query.ts';
import { App } from './App.tsx';

/** The staff app with its data layer. */
export function StaffApp() {
  return (
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  );
}
