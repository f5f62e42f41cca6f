import { schoolEndpoints } from "@otmetka/core/contracts/school.ts";
import { route } from "../../platform/http/route.ts";
import { schoolAbilities } from "./schools.policy.ts";
import { getCurrentSettings, getSchoolProfile, listSettingsHistory } from "./schools.queries.ts";
import { saveSchoolSettings, updateSchoolProfile } from "./schools.service.ts";

export const schoolRoutes = [
  route(schoolEndpoints.getProfile, {
    access: ["admin"],
    async handler({ db, actor }) {
      return getSchoolProfile(db, actor);
    },
  }),
  route(schoolEndpoints.updateProfile, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      const profile = await updateSchoolProfile(db, actor, body, String(request.id));
      return { ...profile, abilities: schoolAbilities(actor) };
    },
  }),
  route(schoolEndpoints.getSettings, {
    access: ["admin"],
    async handler({ db, actor }) {
      return { ...(await getCurrentSettings(db, actor)), abilities: schoolAbilities(actor) };
    },
  }),
  route(schoolEndpoints.saveSettings, {
    access: ["admin"],
    async handler({ db, actor, body, request }) {
      return { ...(await saveSchoolSettings(db, actor, body, String(request.id))), abilities: schoolAbilities(actor) };
    },
  }),
  route(schoolEndpoints.settingsHistory, {
    access: ["admin"],
    async handler({ db, actor }) {
      return { items: await listSettingsHistory(db, actor) };
    },
  }),
];
