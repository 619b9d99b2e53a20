/**
 * The answer options of one question as big full-width buttons (one idea per screen, easy to hit).
 * After feedback, the right answer and a wrong choice are marked in words as well as colour.
 */
export function Choices({
  options,
  chosen,
  answer,
  onChoose,
}: {
  options: readonly string[];
  chosen: number | null;
  /** Known only once feedback is shown. */
  answer?: number;
  onChoose: (index: number) => void;
}) {
  const locked = answer !== undefined;
  return (
    <div className="choices" role="group" aria-label="Các câu trả lời">
      {options.map((text, i) => {
        const mark = locked && i === answer ? "right" : locked && i === chosen ? "wrong" : chosen === i ? "chosen" : "";
        return (
          <button
            key={i}
            type="button"
            className={`choice ${mark}`}
            aria-pressed={chosen === i}
            disabled={locked && i !== answer && i !== chosen}
            onClick={() => !locked && onChoose(i)}
          >
            <span className="choice-letter" aria-hidden="true">
              {"ABCD"[i] ?? i + 1}
            </span>
            <span className="choice-text">
              {text}
              {mark === "right" && <span className="choice-mark">Đáp án đúng</span>}
              {mark === "wrong" && <span className="choice-mark">Bạn đã chọn</span>}
            </span>
          </button>
        );
      })}
    </div>
  );
}
