import { useParams } from "zmp-ui";

/** The :id of /lesson/:id as a positive integer, or null for anything else (a typo in a shared link). */
export function useLessonId(): number | null {
  const { id } = useParams();
  return id && /^[1-9]\d{0,2}$/.test(id) ? Number(id) : null;
}
