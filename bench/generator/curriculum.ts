/**
 * Subjects and weekly hours by grade, after the federal curriculum (ФОП НОО/ООО/СОО, 2023, the
 * universal profile for grades 10–11). Each subject belongs to a teacher specialty; in grades 1–4
 * the class's own primary-school teacher teaches the subjects marked `primary`.
 */

export type Specialty =
  | "primary"
  | "russian"
  | "math"
  | "english"
  | "history"
  | "geography"
  | "biology"
  | "physics"
  | "chemistry"
  | "informatics"
  | "art"
  | "music"
  | "technology"
  | "pe"
  | "obzr";

export interface SubjectDefinition {
  code: string;
  name: string;
  shortName: string;
  /** Who teaches it from grade 5 on (and in grades 1–4 when not `primary`). */
  specialty: Specialty;
  /** Taught by the class's primary-school teacher in grades 1–4. */
  primary: boolean;
  /** Weekly hours for grades 1..11 (index 0 = grade 1); 0 = not taught in that grade. */
  hours: readonly number[];
}

const s = (
  code: string,
  name: string,
  shortName: string,
  specialty: Specialty,
  primary: boolean,
  hours: readonly number[],
): SubjectDefinition => ({
  code,
  name,
  shortName,
  specialty,
  primary,
  hours,
});

//                                                                                          1  2  3  4  5  6  7  8  9 10 11
export const FULL_CURRICULUM: readonly SubjectDefinition[] = [
  s("russian", "Русский язык", "Рус. яз.", "russian", true, [5, 5, 5, 5, 5, 6, 4, 3, 3, 2, 2]),
  s("reading", "Литературное чтение", "Лит. чт.", "primary", true, [4, 4, 4, 3, 0, 0, 0, 0, 0, 0, 0]),
  s("literature", "Литература", "Лит-ра", "russian", false, [0, 0, 0, 0, 3, 3, 2, 2, 3, 3, 3]),
  s("english", "Английский язык", "Англ. яз.", "english", false, [0, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3]),
  s("math", "Математика", "Матем.", "math", true, [4, 4, 4, 4, 5, 5, 0, 0, 0, 0, 0]),
  s("algebra", "Алгебра", "Алгебра", "math", false, [0, 0, 0, 0, 0, 0, 3, 3, 3, 3, 3]),
  s("geometry", "Геометрия", "Геом.", "math", false, [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2]),
  s("statistics", "Вероятность и статистика", "Вер. и стат.", "math", false, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
  s("world", "Окружающий мир", "Окр. мир", "primary", true, [2, 2, 2, 2, 0, 0, 0, 0, 0, 0, 0]),
  s("orkse", "Основы религиозных культур и светской этики", "ОРКСЭ", "primary", true, [0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
  s("history", "История", "История", "history", false, [0, 0, 0, 0, 2, 2, 2, 2, 2, 2, 2]),
  s("social", "Обществознание", "Общ.", "history", false, [0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2]),
  s("odnknr", "Основы духовно-нравственной культуры народов России", "ОДНКНР", "history", false, [0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
  s("geography", "География", "Геогр.", "geography", false, [0, 0, 0, 0, 1, 1, 2, 2, 2, 1, 1]),
  s("biology", "Биология", "Биол.", "biology", false, [0, 0, 0, 0, 1, 1, 1, 2, 2, 1, 1]),
  s("physics", "Физика", "Физика", "physics", false, [0, 0, 0, 0, 0, 0, 2, 2, 3, 2, 2]),
  s("chemistry", "Химия", "Химия", "chemistry", false, [0, 0, 0, 0, 0, 0, 0, 2, 2, 1, 1]),
  s("informatics", "Информатика", "Информ.", "informatics", false, [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]),
  s("art", "Изобразительное искусство", "ИЗО", "art", true, [1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]),
  s("music", "Музыка", "Музыка", "music", false, [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]),
  s("technology", "Труд (технология)", "Труд", "technology", true, [1, 1, 1, 1, 2, 2, 2, 1, 1, 0, 0]),
  s("pe", "Физическая культура", "Физ-ра", "pe", false, [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]),
  s("obzr", "Основы безопасности и защиты Родины", "ОБЗР", "obzr", false, [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]),
  s("project", "Индивидуальный проект", "Инд. проект", "russian", false, [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]),
];

const all = (h: number): number[] => Array.from({ length: 11 }, () => h);

/**
 * The comparison dataset's 12 subjects (DESIGN.md §9): every class takes all twelve, 32 lessons a
 * week, so 40 classes give exactly 480 class × subject sections, as in the peer's data. Realism of the
 * curriculum gives way to equal shape here; in grades 1–4 the primary teacher teaches all but
 * English and physical education.
 */
export const COMPARE_CURRICULUM: readonly SubjectDefinition[] = [
  s("russian", "Русский язык", "Рус. яз.", "russian", true, all(5)),
  s("literature", "Литература", "Лит-ра", "russian", true, all(3)),
  s("math", "Математика", "Матем.", "math", true, all(5)),
  s("english", "Английский язык", "Англ. яз.", "english", false, all(3)),
  s("history", "История", "История", "history", true, all(2)),
  s("social", "Обществознание", "Общ.", "history", true, all(1)),
  s("geography", "География", "Геогр.", "geography", true, all(2)),
  s("biology", "Биология", "Биол.", "biology", true, all(2)),
  s("physics", "Физика", "Физика", "physics", true, all(2)),
  s("chemistry", "Химия", "Химия", "chemistry", true, all(2)),
  s("informatics", "Информатика", "Информ.", "informatics", true, all(2)),
  s("pe", "Физическая культура", "Физ-ра", "pe", false, all(3)),
];
