import * as z from "zod/mini";
import { useCached } from "../offline/use-cached";
import { fetchLesson, fetchLessons, fetchTipOfTheDay } from "./api";
import { LessonSchema, LessonSummarySchema, TipSchema } from "./schemas";

const Summaries = z.array(LessonSummarySchema);

export const useLessons = () => useCached("lessons", Summaries, fetchLessons);
export const useLesson = (id: number) => useCached(`lesson.${id}`, LessonSchema, () => fetchLesson(id));
export const useTipOfTheDay = () => useCached("tip", TipSchema, fetchTipOfTheDay);
