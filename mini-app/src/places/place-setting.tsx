import { useEffect, useState } from "react";
import type { Learner } from "../auth/learner";
import { updateMe, type LearnerPatch } from "../settings/api";
import { errorText } from "../ui/error-text";
import { LoadError } from "../ui/load-error";
import { Loading } from "../ui/loading";
import type { Place } from "./schemas";
import { nameOf, optionLabel, useCommunes, useProvinces } from "./use-places";

/** The commune picker of one province; reports each list it loads so the saved name can be shown. */
function CommuneField({ provinceCode, value, onChange, onList }: { provinceCode: string; value: string; onChange: (code: string) => void; onList: (list: Place[]) => void }) {
  const [communes, retry] = useCommunes(provinceCode);
  const list = communes.status === "ready" ? communes.data : null;
  useEffect(() => {
    if (list) onList(list);
  }, [list]);
  if (communes.status === "loading") return <Loading what="danh sách xã, phường" />;
  if (communes.status === "error") return <LoadError error={communes.error} onRetry={retry} />;
  return (
    <label className="field">
      Xã, phường
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Chọn xã, phường</option>
        {communes.data.map((c) => (
          <option key={c.code} value={c.code}>
            {optionLabel(c.name)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Province, then one of its communes; saved on the server only when both are chosen. */
function PlacePicker({ learner, onSaved }: { learner: Learner; onSaved: (l: Learner) => void }) {
  const [provinces, retry] = useProvinces();
  const [province, setProvince] = useState(learner.provinceCode ?? "");
  const [commune, setCommune] = useState(learner.communeCode ?? "");
  const [communeLists, setCommuneLists] = useState<Record<string, Place[]>>({});
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState("");
  const provinceList = provinces.status === "ready" ? provinces.data : [];
  const savedCommune = nameOf(communeLists[learner.provinceCode ?? ""] ?? [], learner.communeCode);
  const savedProvince = nameOf(provinceList, learner.provinceCode);
  const placeName = (c: string | null, p: string | null) => [c, p].filter(Boolean).join(", ");

  const save = async (patch: LearnerPatch, done: () => string) => {
    setBusy(true);
    try {
      const learner = await updateMe(patch);
      onSaved(learner);
      setNote(done());
    } catch (err) {
      setNote(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const chooseProvince = (code: string) => {
    setProvince(code);
    setCommune("");
    setNote("");
  };
  const unchanged = province === (learner.provinceCode ?? "") && commune === (learner.communeCode ?? "");

  if (provinces.status === "loading") return <Loading what="danh sách tỉnh, thành phố" />;
  if (provinces.status === "error") return <LoadError error={provinces.error} onRetry={retry} />;
  if (provinceList.length === 0) return <p>Danh sách tỉnh, xã chưa có trên máy chủ. Bạn quay lại sau nhé.</p>;
  return (
    <>
      <p>{learner.provinceCode ? `Đang lưu: ${placeName(savedCommune, savedProvince) || "nơi bạn đã chọn"}.` : "Bạn chưa chọn nơi ở."}</p>
      <label className="field">
        Tỉnh, thành phố
        <select value={province} onChange={(e) => chooseProvince(e.target.value)}>
          <option value="">Chọn tỉnh, thành phố</option>
          {provinceList.map((p) => (
            <option key={p.code} value={p.code}>
              {optionLabel(p.name)}
            </option>
          ))}
        </select>
      </label>
      {province && (
        <CommuneField
          key={province}
          provinceCode={province}
          value={commune}
          onChange={(code) => {
            setCommune(code);
            setNote("");
          }}
          onList={(list) => setCommuneLists((known) => ({ ...known, [province]: list }))}
        />
      )}
      <button
        type="button"
        className="btn btn-primary"
        disabled={busy || !province || !commune || unchanged}
        onClick={() =>
          void save({ provinceCode: province, communeCode: commune }, () => "Đã lưu nơi ở.")
        }
      >
        Lưu nơi ở
      </button>
      {learner.provinceCode && (
        <button
          type="button"
          className="btn btn-secondary"
          disabled={busy}
          onClick={() =>
            void save({ provinceCode: null, communeCode: null }, () => {
              chooseProvince("");
              return "Đã xóa nơi ở.";
            })
          }
        >
          Xóa nơi ở
        </button>
      )}
      {note && (
        <p className="notice" role="status">
          {note}
        </p>
      )}
    </>
  );
}

/**
 * "Nơi bạn ở" in Settings. Where someone lives is kept only with their consent (it feeds the commune
 * counts), so without it the card only says so.
 */
export function PlaceSetting({ learner, onSaved }: { learner: Learner; onSaved: (l: Learner) => void }) {
  return (
    <section className="card" aria-labelledby="set-place">
      <h2 id="set-place">Nơi bạn ở</h2>
      {learner.consent === "granted" ? (
        <>
          <p>Chỉ dùng để đếm số người học của mỗi xã, không kèm tên.</p>
          <PlacePicker learner={learner} onSaved={onSaved} />
        </>
      ) : (
        <p>Muốn chọn nơi ở, bạn cần chọn “Đồng ý” ở mục “Đồng ý lưu thông tin” phía trên.</p>
      )}
    </section>
  );
}
