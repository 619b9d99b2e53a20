import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MiniApp } from "../src/app";
import { startAt } from "./fake-api";

const placeCard = () => screen.findByRole("region", { name: "Nơi bạn ở" });
const optionNames = (select: HTMLElement) => within(select).getAllByRole("option").map((o) => o.textContent);

function consenting(place: { provinceCode: string; communeCode: string } | null = null) {
  const api = startAt("/settings");
  Object.assign(api.learner, { consent: "granted" }, place);
  return api;
}

/** Settings of someone who consented (and maybe chose a place), open at the place card. */
async function openPlaceCard(place: { provinceCode: string; communeCode: string } | null = null) {
  const api = consenting(place);
  render(<MiniApp />);
  return { api, card: await placeCard() };
}

describe("Settings: “Nơi bạn ở”", () => {
  it("without consent only says that it needs consent, and loads no list", async () => {
    const api = startAt("/settings");
    render(<MiniApp />);
    const card = await placeCard();
    expect(within(card).getByText(/cần chọn “Đồng ý” ở mục “Đồng ý lưu thông tin”/)).toBeTruthy();
    expect(within(card).queryByRole("combobox")).toBeNull();
    expect(api.callsTo("GET", "/api/places/provinces")).toHaveLength(0);
  });

  it("chooses the province, then one of its communes, saves both and shows their names", async () => {
    const { api, card } = await openPlaceCard();
    expect(await within(card).findByText("Bạn chưa chọn nơi ở.")).toBeTruthy();
    const province = await within(card).findByLabelText("Tỉnh, thành phố");
    expect(optionNames(province)).toEqual(["Chọn tỉnh, thành phố", "Cần Thơ (thành phố)", "Hà Nội (thành phố)", "Hồ Chí Minh (thành phố)"]);
    expect(within(card).queryByLabelText("Xã, phường")).toBeNull();
    expect(within(card).getByRole("button", { name: "Lưu nơi ở" })).toHaveProperty("disabled", true);

    fireEvent.change(province, { target: { value: "01" } });
    const commune = await within(card).findByLabelText("Xã, phường");
    expect(optionNames(commune)).toEqual(["Chọn xã, phường", "Ba Đình (phường)", "Ngọc Hà (phường)"]);
    expect(api.callsTo("GET", "/api/places/provinces/01/communes")).toHaveLength(1);
    expect(within(card).getByRole("button", { name: "Lưu nơi ở" })).toHaveProperty("disabled", true);
    fireEvent.change(commune, { target: { value: "00004" } });
    fireEvent.click(within(card).getByRole("button", { name: "Lưu nơi ở" }));

    expect(await within(card).findByText("Đã lưu nơi ở.")).toBeTruthy();
    expect(within(card).getByText("Đang lưu: Phường Ba Đình, Thành phố Hà Nội.")).toBeTruthy();
    expect(api.callsTo("PATCH", "/api/me").map((c) => c.body)).toEqual([{ provinceCode: "01", communeCode: "00004" }]);
    expect(api.learner).toMatchObject({ provinceCode: "01", communeCode: "00004" });
  });

  it("opens on the saved place; another province empties the commune until one of its own is chosen", async () => {
    const { api, card } = await openPlaceCard({ provinceCode: "79", communeCode: "26878" });
    expect(await within(card).findByText("Đang lưu: Phường An Hội Đông, Thành phố Hồ Chí Minh.")).toBeTruthy();
    expect(within(card).getByLabelText("Tỉnh, thành phố")).toHaveProperty("value", "79");
    expect(within(card).getByLabelText("Xã, phường")).toHaveProperty("value", "26878");
    expect(within(card).getByRole("button", { name: "Lưu nơi ở" })).toHaveProperty("disabled", true); // nothing changed

    fireEvent.change(within(card).getByLabelText("Tỉnh, thành phố"), { target: { value: "92" } });
    const commune = await within(card).findByLabelText("Xã, phường");
    expect(commune).toHaveProperty("value", "");
    expect(optionNames(commune)).toEqual(["Chọn xã, phường", "Ninh Kiều (phường)"]);
    expect(within(card).getByRole("button", { name: "Lưu nơi ở" })).toHaveProperty("disabled", true);
    // The saved place is still what the card says until the new one is saved.
    expect(within(card).getByText("Đang lưu: Phường An Hội Đông, Thành phố Hồ Chí Minh.")).toBeTruthy();
    fireEvent.change(commune, { target: { value: "31117" } });
    fireEvent.click(within(card).getByRole("button", { name: "Lưu nơi ở" }));
    expect(await within(card).findByText("Đang lưu: Phường Ninh Kiều, Thành phố Cần Thơ.")).toBeTruthy();
    expect(api.learner).toMatchObject({ provinceCode: "92", communeCode: "31117" });
  });

  it("can remove the place, and withdrawing consent removes it too", async () => {
    const { api, card } = await openPlaceCard({ provinceCode: "01", communeCode: "00008" });
    fireEvent.click(await within(card).findByRole("button", { name: "Xóa nơi ở" }));
    expect(await within(card).findByText("Đã xóa nơi ở.")).toBeTruthy();
    expect(within(card).getByText("Bạn chưa chọn nơi ở.")).toBeTruthy();
    expect(api.learner).toMatchObject({ provinceCode: null, communeCode: null });

    fireEvent.change(within(card).getByLabelText("Tỉnh, thành phố"), { target: { value: "01" } });
    fireEvent.change(await within(card).findByLabelText("Xã, phường"), { target: { value: "00008" } });
    fireEvent.click(within(card).getByRole("button", { name: "Lưu nơi ở" }));
    await within(card).findByText("Đang lưu: Phường Ngọc Hà, Thành phố Hà Nội.");
    fireEvent.click(screen.getByRole("radio", { name: "Không đồng ý" }));
    expect(await within(card).findByText(/cần chọn “Đồng ý”/)).toBeTruthy();
    expect(api.learner).toMatchObject({ consent: "declined", provinceCode: null, communeCode: null });
  });

  it("says so plainly when the server has no list yet", async () => {
    const api = consenting();
    api.placesImported = false;
    render(<MiniApp />);
    const card = await placeCard();
    expect(await within(card).findByText(/Danh sách tỉnh, xã chưa có/)).toBeTruthy();
    expect(within(card).queryByRole("combobox")).toBeNull();
  });

  it("lists loaded once are kept on the phone: the saved names show offline on the next visit", async () => {
    const api = consenting({ provinceCode: "01", communeCode: "00004" });
    const second = render(<MiniApp />);
    expect(await screen.findByText("Đang lưu: Phường Ba Đình, Thành phố Hà Nội.")).toBeTruthy();
    second.unmount();
    api.online = false;
    render(<MiniApp />);
    // Everything from the phone: the learner, the province list and Hà Nội's communes.
    expect(await screen.findByText("Đang lưu: Phường Ba Đình, Thành phố Hà Nội.")).toBeTruthy();
  });

  it("a failed list load offers “Thử lại”", async () => {
    const { api, card } = await openPlaceCard();
    await within(card).findByLabelText("Tỉnh, thành phố");
    api.online = false;
    fireEvent.change(within(card).getByLabelText("Tỉnh, thành phố"), { target: { value: "79" } });
    expect(await within(card).findByText(/không có mạng/)).toBeTruthy();
    api.online = true;
    fireEvent.click(within(card).getByRole("button", { name: "Thử lại" }));
    expect(optionNames(await within(card).findByLabelText("Xã, phường"))).toContain("An Long (xã)");
  });

  it("“Xóa dữ liệu của tôi” also forgets the commune list that would tell where the person lives", async () => {
    const api = consenting({ provinceCode: "79", communeCode: "25867" });
    render(<MiniApp />);
    await screen.findByText("Đang lưu: Xã An Long, Thành phố Hồ Chí Minh.");
    expect(window.localStorage.getItem("kns.places.communes.79")).toContain("Xã An Long");
    fireEvent.click(screen.getByRole("button", { name: "Xóa dữ liệu của tôi" }));
    fireEvent.click(screen.getByRole("button", { name: "Có, xóa hết" }));
    expect(await screen.findByText("Đã xóa dữ liệu của bạn.")).toBeTruthy();
    expect(api.deleted).toBe(true);
    expect(window.localStorage.getItem("kns.places.communes.79")).toBeNull();
  });
});
