/** A button from an old message that no longer means anything here. */
export const STALE_BUTTON = "Nút này đã cũ rồi. Bạn cần gì cứ nhắn cho tôi nhé.";
