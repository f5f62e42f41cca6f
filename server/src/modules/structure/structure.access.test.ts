import { DEFAULT_SCHOOL_SETTINGS } from "@otmetka/core/contracts/settings.ts";
import { schoolEndpoints } from "@otmetka/core/contracts/school.ts";
import { structureEndpoints } from "@otmetka/core/contracts/structure.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASES, startTestApp, type TestApp, TestClient } from "../../../test/harness.ts";
import { schoolWithAdmin, signedInAs, structureSnapshot } from "../../../test/structure-factories.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
interface Call {
  name: string;
  method: Method;
  url: string;
  body?: unknown;
  /** Teachers may read it too. */
  teacherReads: boolean;
  /** The path names a row of the school, so another school's admin must get 404. */
  scoped: boolean;
}

/** Every endpoint of the feature, with a valid request against school A's rows. */
function calls(ids: Record<string, string>): Call[] {
  const c = (name: string, method: Method, url: string, body: unknown, teacherReads: boolean, scoped: boolean): Call => ({
    name,
    method,
    url,
    body,
    teacherReads,
    scoped,
  });
  const period = { kind: "quarter", number: 3, name: "3 четверть", startsOn: "2027-01-12", endsOn: "2027-03-27", gradeFrom: 1, gradeTo: 9 };
  const holiday = { kind: "holiday", name: "Каникулы", startsOn: "2027-03-28", endsOn: "2027-04-05", gradeFrom: 1, gradeTo: 11 };
  return [
    c("getProfile", "GET", "/api/v1/school", undefined, false, false),
    c(
      "updateProfile",
      "PUT",
      "/api/v1/school",
      {
        name: "Ш",
        shortName: "Ш",
        inn: "7725308290",
        kpp: "772501001",
        ogrn: "1117792450380",
        oktmo: "45382000",
        address: "",
        timeZone: "Europe/Moscow",
      },
      false,
      false,
    ),
    c("getSettings", "GET", "/api/v1/school/settings", undefined, false, false),
    c("saveSettings", "PUT", "/api/v1/school/settings", { baseVersion: 0, settings: DEFAULT_SCHOOL_SETTINGS }, false, false),
    c("settingsHistory", "GET", "/api/v1/school/settings/history", undefined, false, false),
    c("listYears", "GET", "/api/v1/academic-years", undefined, true, false),
    c("getYear", "GET", `/api/v1/academic-years/${ids.year}`, undefined, true, true),
    c("createYear", "POST", "/api/v1/academic-years", { name: "2040/2041", startsOn: "2040-09-01", endsOn: "2041-05-26" }, false, false),
    c("updateYear", "PATCH", `/api/v1/academic-years/${ids.year}`, { name: "2026–2027" }, false, true),
    c("archiveYear", "POST", `/api/v1/academic-years/${ids.year}/archive`, undefined, false, true),
    c("restoreYear", "POST", `/api/v1/academic-years/${ids.year}/restore`, undefined, false, true),
    c("listPeriods", "GET", `/api/v1/academic-years/${ids.year}/periods`, undefined, true, true),
    c("createPeriod", "POST", `/api/v1/academic-years/${ids.year}/periods`, period, false, true),
    c("generatePeriods", "POST", `/api/v1/academic-years/${ids.year}/periods/generate`, {}, false, true),
    c("updatePeriod", "PATCH", `/api/v1/periods/${ids.period}`, { name: "Первая" }, false, true),
    c("archivePeriod", "POST", `/api/v1/periods/${ids.period}/archive`, undefined, false, true),
    c("restorePeriod", "POST", `/api/v1/periods/${ids.period}/restore`, undefined, false, true),
    c("listHolidays", "GET", `/api/v1/academic-years/${ids.year}/holidays`, undefined, true, true),
    c("createHoliday", "POST", `/api/v1/academic-years/${ids.year}/holidays`, holiday, false, true),
    c("updateHoliday", "PATCH", `/api/v1/holidays/${ids.holiday}`, { name: "Осень" }, false, true),
    c("deleteHoliday", "DELETE", `/api/v1/holidays/${ids.holiday}`, undefined, false, true),
    c("listSubjects", "GET", "/api/v1/subjects", undefined, true, false),
    c("createSubject", "POST", "/api/v1/subjects", { name: "Химия", shortName: "Хим" }, false, false),
    c("updateSubject", "PATCH", `/api/v1/subjects/${ids.subject}`, { shortName: "Мат" }, false, true),
    c("archiveSubject", "POST", `/api/v1/subjects/${ids.subject}/archive`, undefined, false, true),
    c("restoreSubject", "POST", `/api/v1/subjects/${ids.subject}/restore`, undefined, false, true),
    c("listClasses", "GET", "/api/v1/classes", undefined, true, false),
    c("classTeacherCandidates", "GET", "/api/v1/classes/teacher-candidates", undefined, false, false),
    c("getClass", "GET", `/api/v1/classes/${ids.class}`, undefined, true, true),
    c("createClass", "POST", "/api/v1/classes", { academicYearId: ids.year, grade: 2, letter: "Б" }, false, false),
    c("updateClass", "PATCH", `/api/v1/classes/${ids.class}`, { shift: 2 }, false, true),
    c("archiveClass", "POST", `/api/v1/classes/${ids.class}/archive`, undefined, false, true),
    c("restoreClass", "POST", `/api/v1/classes/${ids.class}/restore`, undefined, false, true),
    c("createGroup", "POST", `/api/v1/classes/${ids.class}/groups`, { name: "Группа 3" }, false, true),
    c("updateGroup", "PATCH", `/api/v1/class-groups/${ids.group}`, { name: "Группа 9" }, false, true),
    c("archiveGroup", "POST", `/api/v1/class-groups/${ids.group}/archive`, undefined, false, true),
    c("restoreGroup", "POST", `/api/v1/class-groups/${ids.group}/restore`, undefined, false, true),
  ];
}

describe.each(DATABASES)("who may call the school-structure routes on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  async function schoolWithRows() {
    const a = await schoolWithAdmin(t);
    const post = async (url: string, body: unknown) => (await a.client.post(url, body)).body.id as string;
    const ids = {
      year: a.yearId,
      period: await post(`/api/v1/academic-years/${a.yearId}/periods`, {
        kind: "quarter",
        number: 1,
        name: "1 четверть",
        startsOn: "2026-09-01",
        endsOn: "2026-10-24",
        gradeFrom: 1,
        gradeTo: 9,
      }),
      holiday: await post(`/api/v1/academic-years/${a.yearId}/holidays`, {
        kind: "holiday",
        name: "Осенние",
        startsOn: "2026-10-25",
        endsOn: "2026-11-02",
        gradeFrom: 1,
        gradeTo: 11,
      }),
      subject: await post("/api/v1/subjects", { name: "Математика", shortName: "Мат" }),
      class: await post("/api/v1/classes", { academicYearId: a.yearId, grade: 1, letter: "А" }),
    };
    const group = await post(`/api/v1/classes/${ids.class}/groups`, { name: "Группа 1" });
    return { ...a, ids: { ...ids, group } };
  }

  it("lists every endpoint of the contracts", async () => {
    const names = calls({})
      .map((c) => c.name)
      .sort();
    expect(names).toEqual([...Object.keys(schoolEndpoints), ...Object.keys(structureEndpoints)].sort());
  });

  it("answers 401 without a session, 403 to parents and students, and teachers only where they read", async () => {
    const a = await schoolWithRows();
    const anonymous = new TestClient(t);
    const roles = {
      teacher: (await signedInAs(t, a.schoolId, "teacher")).client,
      parent: (await signedInAs(t, a.schoolId, "parent")).client,
      student: (await signedInAs(t, a.schoolId, "student")).client,
    };
    const snapshot = await structureSnapshot(t.db, a.schoolId);
    for (const call of calls(a.ids)) {
      expect((await anonymous.request(call.method, call.url, call.body)).status, `anonymous ${call.name}`).toBe(401);
      expect((await roles.parent.request(call.method, call.url, call.body)).status, `parent ${call.name}`).toBe(403);
      expect((await roles.student.request(call.method, call.url, call.body)).status, `student ${call.name}`).toBe(403);
      expect((await roles.teacher.request(call.method, call.url, call.body)).status, `teacher ${call.name}`).toBe(
        call.teacherReads ? 200 : 403,
      );
    }
    expect(await structureSnapshot(t.db, a.schoolId)).toEqual(snapshot);
  });

  it("answers 404 to another school's admin for every row of this school, and changes nothing", async () => {
    const a = await schoolWithRows();
    const b = await schoolWithAdmin(t);
    const snapshot = await structureSnapshot(t.db, a.schoolId);
    for (const call of calls(a.ids).filter((c) => c.scoped)) {
      const r = await b.client.request(call.method, call.url, call.body);
      expect(r.status, `other admin ${call.name}`).toBe(404);
      expect(r.body.error.code).toBe("not_found");
    }
    expect(await structureSnapshot(t.db, a.schoolId)).toEqual(snapshot);
  });

  it("lets the school's own admin make every call", async () => {
    const a = await schoolWithRows();
    for (const call of calls(a.ids)) {
      if (call.name === "updateProfile") continue; // needs an ИНН/КПП pair no other school has; schools.test.ts covers it
      const r = await a.client.request(call.method, call.url, call.body);
      // The year already has a period, so generating the standard ones is refused as a conflict, not a permission.
      const allowed = call.name === "generatePeriods" ? [409] : [200, 201];
      expect(allowed, `${call.name}: ${r.text.slice(0, 200)}`).toContain(r.status);
    }
  });
});
