/** One lesson as GET /api/lessons lists it. */
export interface LessonSummary {
  id: number;
  slug: string;
  title: string;
  summary: string;
  minutes: number;
}
