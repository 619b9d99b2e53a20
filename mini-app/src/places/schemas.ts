import * as z from "zod/mini";

/** A province or commune as GET /api/places/… lists it (national GSO code, official name). */
export const PlaceSchema = z.object({ code: z.string(), name: z.string() });
export type Place = z.infer<typeof PlaceSchema>;

export const PlaceList = z.array(PlaceSchema);
export const ProvinceReply = z.object({ provinces: PlaceList });
export const CommuneReply = z.object({ communes: PlaceList });

/** Stored per province; "Xóa dữ liệu của tôi" removes the list of the province the person chose. */
export const communesKey = (provinceCode: string) => `places.communes.${provinceCode}`;
