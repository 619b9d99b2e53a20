import { useEffect, useState } from "react";
import { useNavigate } from "zmp-ui";
import { WhatIsKept } from "../consent/what-is-kept";
import { PlaceSetting } from "../places/place-setting";
import { platform } from "../platform";
import { deleteMyData, updateMe, useMe, type LearnerPatch } from "../settings/api";
import { TEXT_SIZES, applyTextSize, saveTextSize, storedTextSize, type TextSize } from "../settings/text-size";
import type { Learner } from "../auth/learner";
import { errorText } from "../ui/error-text";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import { Screen } from "../ui/screen";

function TextSizeSetting() {
  const [size, setSize] = useState<TextSize>(100);
  useEffect(() => {
    void platform().then((p) => setSize(storedTextSize(p.storage)));
  }, []);
  const choose = (s: TextSize) => {
    setSize(s);
    applyTextSize(s); // at once, so the person sees the effect while choosing
    void platform().then((p) => saveTextSize(p.storage, s));
  };
  return (
    <fieldset className="card">
      <legend>Cỡ chữ</legend>
      <p className="sample">Chữ sẽ to như dòng này.</p>
      <div className="options">
        {TEXT_SIZES.map((s) => (
          <label key={s} className="option">
            <input type="radio" name="text-size" value={s} checked={size === s} onChange={() => choose(s)} />
            <span>{s === 100 ? "Vừa (100%)" : `${s}%`}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The server-side settings; every change is saved at once and confirmed in words. */
function LearnerSettings({ learner, onSaved }: { learner: Learner; onSaved: (l: Learner) => void }) {
  const [note, setNote] = useState("");
  const [reminder, setReminder] = useState(learner.reminderTime ?? "19:00");
  const save = async (patch: LearnerPatch, done: string) => {
    try {
      onSaved(await updateMe(patch));
      setNote(done);
    } catch (err) {
      setNote(errorText(err));
    }
  };
  const follow = async () => {
    const outcome = await (await platform()).followOA();
    setNote(
      outcome === "followed"
        ? "Cảm ơn bạn đã quan tâm Kỹ Năng Số trên Zalo."
        : outcome === "opened"
          ? "Đã mở trang Kỹ Năng Số trên Zalo. Bạn bấm “Quan tâm” ở đó nhé."
          : "Việc này chỉ làm được khi mở ứng dụng trong Zalo.",
    );
  };
  const chat = async () => {
    if (!(await (await platform()).openChat())) setNote("Việc này chỉ làm được khi mở ứng dụng trong Zalo.");
  };
  return (
    <>
      <section className="card" aria-labelledby="set-reminder">
        <h2 id="set-reminder">Nhắc học mỗi ngày</h2>
        <p>{learner.reminderTime ? `Đang nhắc lúc ${learner.reminderTime}.` : "Đang tắt nhắc học."}</p>
        {/* The server sends reminders only with consent (outreach/scheduler.ts): say so rather than promise. */}
        {learner.consent !== "granted" ? (
          <p>Để đặt giờ nhắc, bạn chọn “Đồng ý” ở mục “Đồng ý lưu thông tin” trước.</p>
        ) : (
          <>
            <p>Kỹ Năng Số không nhắn từ 21 giờ tối đến 7 giờ sáng.</p>
            <label className="field">
              Giờ nhắc
              <input type="time" value={reminder} min="07:00" max="20:59" onChange={(e) => setReminder(e.target.value)} />
            </label>
            <button type="button" className="btn btn-primary" disabled={!/^\d{2}:\d{2}$/.test(reminder)} onClick={() => void save({ reminderTime: reminder }, `Đã lưu: nhắc học lúc ${reminder}.`)}>
              Lưu giờ nhắc
            </button>
          </>
        )}
        {learner.reminderTime && (
          <button type="button" className="btn btn-secondary" onClick={() => void save({ reminderTime: null }, "Đã tắt nhắc học.")}>
            Tắt nhắc học
          </button>
        )}
      </section>
      <fieldset className="card">
        <legend>Đồng ý lưu thông tin</legend>
        <WhatIsKept />
        <p>Bạn đổi ý lúc nào cũng được. Không đồng ý thì nơi ở đã lưu sẽ được xóa.</p>
        <div className="options">
          <label className="option">
            <input type="radio" name="consent" checked={learner.consent === "granted"} onChange={() => void save({ consent: "granted" }, "Đã lưu: bạn đồng ý.")} />
            <span>Đồng ý</span>
          </label>
          <label className="option">
            <input type="radio" name="consent" checked={learner.consent === "declined"} onChange={() => void save({ consent: "declined" }, "Đã lưu: bạn không đồng ý.")} />
            <span>Không đồng ý</span>
          </label>
        </div>
      </fieldset>
      <PlaceSetting learner={learner} onSaved={onSaved} />
      <section className="card" aria-labelledby="set-oa">
        <h2 id="set-oa">Kỹ Năng Số trên Zalo</h2>
        <p>{learner.followsOA ? "Bạn đang quan tâm Kỹ Năng Số trên Zalo." : "Quan tâm Kỹ Năng Số trên Zalo để nhận lời nhắc và hỏi đáp qua tin nhắn."}</p>
        {!learner.followsOA && (
          <button type="button" className="btn btn-secondary" onClick={() => void follow()}>
            Quan tâm Kỹ Năng Số trên Zalo
          </button>
        )}
        <button type="button" className="btn btn-secondary" onClick={() => void chat()}>
          Nhắn tin hỏi Kỹ Năng Số
        </button>
      </section>
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
    </>
  );
}

function DeleteMyData() {
  const navigate = useNavigate();
  const [step, setStep] = useState<"idle" | "confirm" | "busy" | "done">("idle");
  const [error, setError] = useState<unknown>(null);
  const erase = async () => {
    setStep("busy");
    try {
      await deleteMyData();
      setStep("done");
    } catch (err) {
      setError(err);
      setStep("confirm");
    }
  };
  return (
    <section className="card danger-zone" aria-labelledby="set-delete">
      <h2 id="set-delete">Xóa dữ liệu của tôi</h2>
      {step === "idle" && (
        <button type="button" className="btn btn-danger" onClick={() => setStep("confirm")}>
          Xóa dữ liệu của tôi
        </button>
      )}
      {(step === "confirm" || step === "busy") && (
        <div role="alertdialog" aria-labelledby="delete-ask">
          <p id="delete-ask">Bạn chắc chắn muốn xóa? Tiến độ học, kết quả bài kiểm tra, bài thi và giấy chứng nhận (cả trang kiểm tra công khai của nó) sẽ bị xóa hết, không lấy lại được.</p>
          {error !== null && <p role="alert">{errorText(error)}</p>}
          <button type="button" className="btn btn-danger" disabled={step === "busy"} onClick={() => void erase()}>
            Có, xóa hết
          </button>
          <button type="button" className="btn btn-secondary" onClick={() => setStep("idle")}>
            Không, giữ lại
          </button>
        </div>
      )}
      {step === "done" && (
        <>
          <p role="status">Đã xóa dữ liệu của bạn.</p>
          <button type="button" className="btn btn-secondary" onClick={() => navigate("/")}>
            Về trang chính
          </button>
        </>
      )}
    </section>
  );
}

function SettingsPage() {
  const [me, retry] = useMe("network-first");
  const [learner, setLearner] = useState<Learner | null>(null);
  const current = learner ?? (me.status === "ready" ? me.data : null);
  return (
    <Screen title="Cài đặt" back="/">
      <TextSizeSetting />
      {me.status === "loading" && <Loading what="cài đặt" />}
      {me.status === "error" && <LoadError error={me.error} onRetry={retry} />}
      {current && <LearnerSettings learner={current} onSaved={setLearner} />}
      <DeleteMyData />
    </Screen>
  );
}
export default SettingsPage;
