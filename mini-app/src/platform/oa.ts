/** The Official Account the app follows and chats with; empty when not configured (preview). */
export const OA_ID: string = import.meta.env.VITE_ZALO_OA_ID ?? "";
