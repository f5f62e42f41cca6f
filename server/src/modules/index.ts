import type { RouteDefinition } from "../platform/http/route.ts";
import { accountRoutes } from "./accounts/accounts.routes.ts";

/** The one registry of routes: a feature's routes are listed here and nowhere else. */
export const routes: readonly RouteDefinition[] = [...accountRoutes] as readonly RouteDefinition[];
