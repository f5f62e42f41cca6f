import { Button, Stack, Text, Title } from "@mantine/core";
import { authEndpoints, type MeView } from "@otmetka/core/contracts/auth.ts";
import type { Role } from "@otmetka/core/contracts/common.ts";
import { type QueryClient, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, useLocation, useNavigate } from "react-router";
import { call, isApiError } from "../lib/api.ts";
import { errorMessage, hasChosenLanguage, setLanguage } from "../lib/i18n.ts";
import { endSession } from "../lib/session-end.ts";
import { CenteredLoader } from "../ui/CenteredLoader.tsx";
import { NotFoundContent } from "./NotFound.tsx";

/** The account security page (password, two-factor sign-in, sessions). */
export const SECURITY_PATH = "/account/security";

/** Query key of the signed-in user; its data is `null` when nobody is signed in. */
export const ME_KEY = ["me"] as const;

async function fetchMe({ signal }: { signal: AbortSignal }): Promise<MeView | null> {
  try {
    return await call(authEndpoints.me, { signal });
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** The signed-in user (`null` when signed out); `undefined` while the first check runs. */
export function useMe() {
  return useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    staleTime: 5 * 60_000,
    retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
  });
}

/** The signed-in user, for components rendered inside `RequireAuth`. */
export function useCurrentUser(): MeView {
  const { data } = useMe();
  if (!data) throw new Error("useCurrentUser() is only for pages inside <RequireAuth>");
  return data;
}

/**
 * After a successful sign-in: switch to the account's language unless this device chose one,
 * then cache the user (which lets the sign-in page redirect), so the next page opens translated.
 */
export async function acceptSignedInUser(queryClient: QueryClient, me: MeView): Promise<void> {
  if (!hasChosenLanguage()) await setLanguage(me.locale, { remember: false }).catch(() => undefined);
  queryClient.setQueryData(ME_KEY, me);
}

/** Set when a signed-in user's session ended without signing out (it expired, or was revoked). */
let endedUnasked = false;

/** Whether the sign-in page should say that the session ended; `clear` forgets it once shown. */
export function sessionEndedUnasked(clear = false): boolean {
  const ended = endedUnasked;
  if (clear) endedUnasked = false;
  return ended;
}

/**
 * Marks the session as ended (logout, or a 401 from any query) and drops every cached answer.
 * `how` says whether the user asked for it; otherwise the sign-in page tells them why they are there.
 */
export function forgetSession(queryClient: QueryClient, how: "expired" | "signed_out" = "expired"): void {
  if (how === "expired" && queryClient.getQueryData(ME_KEY)) endedUnasked = true;
  endSession();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
  queryClient.setQueryData(ME_KEY, null);
}

export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => call(authEndpoints.logout),
    meta: { ignoreUnauthenticated: true },
    onSettled: (_data, error) => {
      // A 401 means the session was already over; any other failure leaves the user signed in.
      if (error && !(isApiError(error) && error.status === 401)) return;
      forgetSession(queryClient, "signed_out");
      void navigate("/login", { replace: true });
    },
  });
}

/**
 * Where to go after sign-in: only a path on this site (an open redirect to another origin
 * via `?next=//evil.example` would make a phishing page look like ours).
 */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  if (next === "/login" || next.startsWith("/login?")) return "/";
  return next;
}

export function loginPathFor(location: { pathname: string; search: string; hash: string }): string {
  const here = location.pathname + location.search + location.hash;
  return here === "/" ? "/login" : `/login?next=${encodeURIComponent(here)}`;
}

/**
 * Renders its children (or the nested route) only for a signed-in user; otherwise sends them to
 * /login?next=… . With `roles`, a user holding none of them in the current school sees "not
 * found", as the server answers 404 for what a user may not see.
 */
export function RequireAuth({ roles, children }: { roles?: readonly Role[]; children?: ReactNode }) {
  const location = useLocation();
  const me = useMe();
  // A failed background refetch keeps the cached user: only a first check that failed blocks the page.
  if (me.data === undefined) {
    return me.isError ? <SessionError error={me.error} onRetry={() => void me.refetch()} /> : <CenteredLoader />;
  }
  const user = me.data;
  if (user === null) return <Navigate to={loginPathFor(location)} replace />;
  // The school requires a second factor this member of staff lacks: the server refuses every
  // other page until it is set up, so go straight to the setup.
  if (user.mfaSetupRequired && location.pathname !== SECURITY_PATH) return <Navigate to={SECURITY_PATH} replace />;
  if (roles && !roles.some((role) => user.roles.includes(role))) return <NotFoundContent />;
  return children ?? <Outlet />;
}

function SessionError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack component="main" id="main" tabIndex={-1} align="center" justify="center" mih="60vh" p="md" ta="center">
      <Title order={1} size="h2">
        {t("app.sessionError.title")}
      </Title>
      <Text role="alert">{errorMessage(t, error)}</Text>
      <Button onClick={onRetry}>{t("app.sessionError.retry")}</Button>
    </Stack>
  );
}
