import { MantineProvider } from "@mantine/core";
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { isApiError } from "../lib/api.ts";
import { createAppRouter } from "./routes.tsx";
import { forgetSession, ME_KEY } from "./session.tsx";
import { colorSchemeManager, cssVariablesResolver, theme } from "./theme.ts";

declare module "@tanstack/react-query" {
  interface Register {
    mutationMeta: {
      /** Set on sign-in steps, where a 401 means "wrong password", not "session expired". */
      ignoreUnauthenticated?: boolean;
    };
  }
}

/** A 401 from any call means the session ended (expired, revoked): show the sign-in page. */
function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (isApiError(error) && error.status === 401 && query.queryKey[0] !== ME_KEY[0]) forgetSession(client);
      },
    }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => {
        if (isApiError(error) && error.status === 401 && !mutation.meta?.ignoreUnauthenticated) forgetSession(client);
      },
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  });
  return client;
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createAppRouter);
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      cssVariablesResolver={cssVariablesResolver}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
