// The lesson file name `NN-slug.md` ties a lesson to its question bank and illustration.

/** What the file name promises: `NN-slug.md`. */
export interface LessonFileName {
  id: number;
  slug: string;
  /** "01-trinh-duyet-an-toan": shared by the lesson, its questions and its illustration. */
  baseName: string;
}

export function parseLessonFileName(fileName: string): LessonFileName | undefined {
  const match = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/.exec(fileName);
  if (!match?.[1] || !match[2]) return undefined;
  return { id: Number(match[1]), slug: match[2], baseName: `${match[1]}-${match[2]}` };
}
