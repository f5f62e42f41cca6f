import { createBrowserRouter, type RouteObject } from "react-router";
import { CenteredLoader } from "../ui/CenteredLoader.tsx";
import { Layout } from "./Layout.tsx";
import { NotFoundContent } from "./NotFound.tsx";
import { PublicLayout } from "./PublicLayout.tsx";
import { RouteErrorPage } from "./RouteErrorPage.tsx";
import { RequireAuth, useMe } from "./session.tsx";

/**
 * Pages for signed-out visitors, inside the public layout (header with language and theme
 * switches, no navigation): sign-in, parent registration, password reset, the personal data policy.
 */
const publicRoutes: RouteObject[] = [
  { path: "login", lazy: () => import("../features/auth/LoginPage.tsx").then((m) => ({ Component: m.LoginPage })) },
  { path: "register", lazy: () => import("../features/auth/RegisterPage.tsx").then((m) => ({ Component: m.RegisterPage })) },
  { path: "reset", lazy: () => import("../features/auth/ResetPage.tsx").then((m) => ({ Component: m.ResetPage })) },
  { path: "privacy", lazy: () => import("../features/auth/PrivacyPage.tsx").then((m) => ({ Component: m.PrivacyPage })) },
];

/**
 * Pages inside the signed-in shell (header, navigation). Load each feature lazily so a parent's
 * phone downloads only what it opens; guard role-specific pages with a `RequireAuth roles` group:
 *
 *   { element: <RequireAuth roles={["teacher"]} />, children: [
 *     { path: "journal", lazy: () => import("../features/journal/JournalPage.tsx").then((m) => ({ Component: m.JournalPage })) },
 *   ] },
 */
const shellRoutes: RouteObject[] = [
  { index: true, lazy: () => import("../features/home/HomePage.tsx").then((m) => ({ Component: m.HomePage })) },
  {
    path: "account/security",
    lazy: () => import("../features/account/SecurityPage.tsx").then((m) => ({ Component: m.SecurityPage })),
  },
  {
    element: <RequireAuth roles={["admin"]} />,
    children: [
      { path: "staff", lazy: () => import("../features/people/StaffPage.tsx").then((m) => ({ Component: m.StaffPage })) },
      { path: "students", lazy: () => import("../features/people/StudentsPage.tsx").then((m) => ({ Component: m.StudentsPage })) },
      {
        path: "students/:studentId",
        lazy: () => import("../features/people/StudentCardPage.tsx").then((m) => ({ Component: m.StudentCardPage })),
      },
      { path: "teaching", lazy: () => import("../features/people/AssignmentsPage.tsx").then((m) => ({ Component: m.AssignmentsPage })) },
      { path: "audit", lazy: () => import("../features/audit/AuditPage.tsx").then((m) => ({ Component: m.AuditPage })) },
      { path: "imports", lazy: () => import("../features/imports/ImportPage.tsx").then((m) => ({ Component: m.ImportPage })) },
      { path: "school", lazy: () => import("../features/schools/SchoolProfilePage.tsx").then((m) => ({ Component: m.SchoolProfilePage })) },
      {
        path: "settings",
        lazy: () => import("../features/schools/SchoolSettingsPage.tsx").then((m) => ({ Component: m.SchoolSettingsPage })),
      },
      { path: "calendar", lazy: () => import("../features/structure/CalendarPage.tsx").then((m) => ({ Component: m.CalendarPage })) },
      { path: "subjects", lazy: () => import("../features/structure/SubjectsPage.tsx").then((m) => ({ Component: m.SubjectsPage })) },
      { path: "classes", lazy: () => import("../features/structure/ClassesPage.tsx").then((m) => ({ Component: m.ClassesPage })) },
    ],
  },
  {
    element: <RequireAuth roles={["admin", "teacher"]} />,
    children: [
      { path: "roster", lazy: () => import("../features/people/RosterPage.tsx").then((m) => ({ Component: m.RosterPage })) },
      {
        path: "class-teacher",
        lazy: () => import("../features/class-teacher/ClassTeacherPage.tsx").then((m) => ({ Component: m.ClassTeacherPage })),
      },
      { path: "journal", lazy: () => import("../features/journal/JournalListPage.tsx").then((m) => ({ Component: m.JournalListPage })) },
      {
        path: "journal/:classId/:subjectId",
        lazy: () => import("../features/journal/JournalPage.tsx").then((m) => ({ Component: m.JournalPage })),
      },
      {
        path: "journal/:classId/:subjectId/year",
        lazy: () => import("../features/journal/YearMarksPage.tsx").then((m) => ({ Component: m.YearMarksPage })),
      },
    ],
  },
  {
    element: <RequireAuth roles={["admin", "teacher"]} />,
    children: [
      { path: "lessons/:lessonId", lazy: () => import("../features/lessons/LessonPage.tsx").then((m) => ({ Component: m.LessonPage })) },
      {
        path: "lesson-plans",
        lazy: () => import("../features/lessons/LessonPlansPage.tsx").then((m) => ({ Component: m.LessonPlansPage })),
      },
    ],
  },
  {
    element: <RequireAuth roles={["student", "parent"]} />,
    children: [
      { path: "homework", lazy: () => import("../features/lessons/HomeworkPage.tsx").then((m) => ({ Component: m.HomeworkPage })) },
    ],
  },
  {
    element: <RequireAuth roles={["admin"]} />,
    children: [
      { path: "timetable", lazy: () => import("../features/timetable/TimetablePage.tsx").then((m) => ({ Component: m.TimetablePage })) },
      {
        path: "substitutions",
        lazy: () => import("../features/timetable/SubstitutionsPage.tsx").then((m) => ({ Component: m.SubstitutionsPage })),
      },
    ],
  },
  {
    element: <RequireAuth roles={["teacher"]} />,
    children: [
      {
        path: "my-timetable",
        lazy: () => import("../features/timetable/MyTimetablePage.tsx").then((m) => ({ Component: m.MyTimetablePage })),
      },
    ],
  },
  {
    element: <RequireAuth roles={["student", "parent"]} />,
    children: [
      { path: "schedule", lazy: () => import("../features/timetable/SchedulePage.tsx").then((m) => ({ Component: m.SchedulePage })) },
    ],
  },
];

export function createAppRouter() {
  return createBrowserRouter([
    {
      ErrorBoundary: RouteErrorPage,
      HydrateFallback: CenteredLoader,
      children: [
        { Component: PublicLayout, children: publicRoutes },
        {
          element: (
            <RequireAuth>
              <Layout />
            </RequireAuth>
          ),
          children: shellRoutes,
        },
        { path: "*", Component: NotFoundRoute },
      ],
    },
  ]);
}

/** Unknown addresses: inside the shell for a signed-in user, in the public layout otherwise. */
function NotFoundRoute() {
  const me = useMe();
  if (me.isPending) return <CenteredLoader />;
  const Frame = me.data ? Layout : PublicLayout;
  return (
    <Frame>
      <NotFoundContent />
    </Frame>
  );
}
