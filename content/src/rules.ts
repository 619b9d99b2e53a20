// Limits and fixed lists from content/README.md, in one place so the checks and the tests agree.

/** The 12 national citizen topics, in the national order: lesson N must carry title N. */
export const NATIONAL_TITLES = [
  "Sử dụng trình duyệt an toàn",
  "Sử dụng nền tảng số để làm việc, cộng tác",
  "Tìm kiếm thông tin hiệu quả",
  "Tạo tài khoản và kho dữ liệu cá nhân trực tuyến",
  "Sử dụng dịch vụ công trực tuyến",
  "Thanh toán trực tuyến",
  "Mua sắm trực tuyến",
  "Học tập và ôn luyện trực tuyến",
  "Chặn và lọc tin rác hiệu quả trên trình duyệt",
  "Bảo vệ bản thân trực tuyến",
  "Bảo vệ gia đình trực tuyến",
  "Giải trí trực tuyến",
] as const;

export const LESSON_COUNT = NATIONAL_TITLES.length;

export const SPECIAL_SECTIONS = {
  warning: "Cảnh giác lừa đảo",
  remember: "Điều cần nhớ",
  practice: "Thực hành ngay",
} as const;

// Lengths count UTF-16 code units (String#length) of NFC text. For Vietnamese in NFC this equals the
// number of letters; an emoji counts as 2, which errs on the safe side of Zalo's limits.
export const LIMITS = {
  summaryChars: 200,
  minMinutes: 1,
  maxMinutes: 10,
  minChatMessages: 2,
  maxChatMessages: 3,
  chatMessageChars: 2000, // Zalo text message limit
  minOrdinarySections: 4,
  maxOrdinarySections: 7,
  minRememberPoints: 3,
  maxRememberPoints: 5,
  illustrationBytes: 8 * 1024,
  minQuestionsPerLesson: 10,
  questionChars: 300,
  optionChars: 100, // options become Zalo chat buttons; button titles are limited to 100 characters
  explanationChars: 300,
  tipChars: 500, // the whole tip as rendered for chat
  maxAnswerLetterShare: 0.35,
  // Per bank (a question file; all tip checks together): the score of always picking the longest option.
  maxLongestAnswerShare: 0.35,
  // Per bank of at least minShortestAnswerBank questions: how often the correct option must be the shortest.
  minShortestAnswerShare: 0.1,
  minShortestAnswerBank: 10,
  // Only enforced when the content must be complete (the real tree, not test fixtures).
  minTotalQuestions: 120,
  minTips: 40,
  handbookScamTypes: 24, // the 24 forms of the 2023 handbook
} as const;

export const ANSWER_LETTERS = ["A", "B", "C", "D"] as const;

/**
 * Option wordings that make a question a puzzle about the options instead of the lesson.
 * Compared after lower-casing; "cả A và B" is generalised to any two letters.
 */
export const BANNED_OPTION_PATTERNS: readonly RegExp[] = [
  /tất cả các ý trên/u,
  /tất cả đều đúng/u,
  /(?:^|\P{L})cả [a-d] và [a-d](?!\p{L})/u,
];
