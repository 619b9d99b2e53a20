-- PostgreSQL twin of ../sqlite/003_places.sql (see 001_foundation.sql).
-- Administrative units since 1 July 2025 (no district level): 34 provinces → 3,321 communes, wards and
-- special zones. GSO codes are TEXT (leading zeros matter). Imported from a file, never edited by hand.

CREATE TABLE provinces (
  code    TEXT COLLATE "C" PRIMARY KEY,     -- GSO code, e.g. '01'
  name    TEXT COLLATE "C" NOT NULL,        -- full name, e.g. 'Thành phố Hà Nội'
  folded  TEXT COLLATE "C" NOT NULL         -- name without its kind, folded for matching: 'ha noi'
);

CREATE TABLE communes (
  code           TEXT COLLATE "C" PRIMARY KEY,  -- GSO code, e.g. '00004'
  province_code  TEXT COLLATE "C" NOT NULL REFERENCES provinces (code),
  name           TEXT COLLATE "C" NOT NULL,     -- full name, e.g. 'Phường Ba Đình'
  folded         TEXT COLLATE "C" NOT NULL      -- 'ba dinh'
);
CREATE INDEX communes_province ON communes (province_code, folded);
