import { requestJson } from "../offline/http";
import { CommuneReply, ProvinceReply, type Place } from "./schemas";

// Public lists (no sign-in), already in the order people look for names.
export async function fetchProvinces(): Promise<Place[]> {
  return (await requestJson("/api/places/provinces", ProvinceReply)).provinces;
}

export async function fetchCommunes(provinceCode: string): Promise<Place[]> {
  return (await requestJson(`/api/places/provinces/${encodeURIComponent(provinceCode)}/communes`, CommuneReply)).communes;
}
