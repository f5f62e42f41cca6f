/**
 * The school as a legal entity: a municipal school of a real city, with ИНН/КПП/ОГРН that pass
 * their checksums, the city's ОКТМО and time zone, and a plausible address.
 */
import { generateOgrn, generateOrganizationInn, type TakenIdentifiers } from "./identifiers.ts";
import type { Random } from "./random.ts";

export interface City {
  name: string;
  /** «г. Казань» is written with the region in addresses. */
  region: string;
  /** Субъект РФ code used in ИНН and ОГРН. */
  regionCode: string;
  /** ОКТМО of the city district (городской округ), 8 digits. Its first two digits start passport series. */
  oktmo: string;
  timeZone: string;
  postcode: string;
  /** Tax inspection codes (first four ИНН digits) of the city. */
  inspections: readonly string[];
}

export const CITIES: readonly City[] = [
  {
    name: "Казань",
    region: "Республика Татарстан",
    regionCode: "16",
    oktmo: "92701000",
    timeZone: "Europe/Moscow",
    postcode: "420",
    inspections: ["1655", "1656", "1657", "1658", "1659", "1660"],
  },
  {
    name: "Екатеринбург",
    region: "Свердловская область",
    regionCode: "66",
    oktmo: "65701000",
    timeZone: "Asia/Yekaterinburg",
    postcode: "620",
    inspections: ["6658", "6659", "6660", "6661", "6662", "6670", "6671"],
  },
  {
    name: "Новосибирск",
    region: "Новосибирская область",
    regionCode: "54",
    oktmo: "50701000",
    timeZone: "Asia/Novosibirsk",
    postcode: "630",
    inspections: ["5401", "5402", "5403", "5404", "5405", "5406", "5407"],
  },
  {
    name: "Нижний Новгород",
    region: "Нижегородская область",
    regionCode: "52",
    oktmo: "22701000",
    timeZone: "Europe/Moscow",
    postcode: "603",
    inspections: ["5256", "5257", "5258", "5259", "5260", "5261", "5262"],
  },
  {
    name: "Самара",
    region: "Самарская область",
    regionCode: "63",
    oktmo: "36701000",
    timeZone: "Europe/Samara",
    postcode: "443",
    inspections: ["6311", "6312", "6313", "6314", "6315", "6316", "6317"],
  },
  {
    name: "Воронеж",
    region: "Воронежская область",
    regionCode: "36",
    oktmo: "20701000",
    timeZone: "Europe/Moscow",
    postcode: "394",
    inspections: ["3661", "3662", "3663", "3664", "3665", "3666"],
  },
  {
    name: "Пермь",
    region: "Пермский край",
    regionCode: "59",
    oktmo: "57701000",
    timeZone: "Asia/Yekaterinburg",
    postcode: "614",
    inspections: ["5902", "5903", "5904", "5905", "5906", "5907", "5908"],
  },
  {
    name: "Ярославль",
    region: "Ярославская область",
    regionCode: "76",
    oktmo: "78701000",
    timeZone: "Europe/Moscow",
    postcode: "150",
    inspections: ["7601", "7602", "7603", "7604", "7605", "7606"],
  },
  {
    name: "Тверь",
    region: "Тверская область",
    regionCode: "69",
    oktmo: "28701000",
    timeZone: "Europe/Moscow",
    postcode: "170",
    inspections: ["6901", "6902", "6903", "6904", "6905"],
  },
  {
    name: "Рязань",
    region: "Рязанская область",
    regionCode: "62",
    oktmo: "61701000",
    timeZone: "Europe/Moscow",
    postcode: "390",
    inspections: ["6227", "6228", "6229", "6230"],
  },
  {
    name: "Тула",
    region: "Тульская область",
    regionCode: "71",
    oktmo: "70701000",
    timeZone: "Europe/Moscow",
    postcode: "300",
    inspections: ["7103", "7104", "7105", "7106", "7107"],
  },
  {
    name: "Калуга",
    region: "Калужская область",
    regionCode: "40",
    oktmo: "29701000",
    timeZone: "Europe/Moscow",
    postcode: "248",
    inspections: ["4027", "4028", "4029"],
  },
];

const STREETS = [
  "ул. Ленина",
  "ул. Советская",
  "ул. Гагарина",
  "ул. Мира",
  "ул. Школьная",
  "ул. Молодёжная",
  "ул. Пушкина",
  "ул. Лесная",
  "ул. Садовая",
  "ул. Победы",
  "ул. Кирова",
  "ул. Чехова",
  "ул. Горького",
  "ул. Комсомольская",
  "ул. Октябрьская",
  "ул. Первомайская",
  "ул. Строителей",
  "ул. Зелёная",
  "ул. Юбилейная",
  "пр. Космонавтов",
  "пр. Ломоносова",
  "бульвар Рябиновый",
];

export type SchoolKind = "school" | "gymnasium" | "lyceum";

export interface PlannedSchool {
  name: string;
  shortName: string;
  inn: string;
  kpp: string;
  ogrn: string;
  oktmo: string;
  address: string;
  timeZone: string;
  city: City;
  number: number;
}

export function planSchoolEntity(
  random: Random,
  taken: TakenIdentifiers,
  options: { number: number; city: City; kind?: SchoolKind },
): PlannedSchool {
  const { number, city } = options;
  const kind = options.kind ?? (random.chance(0.8) ? "school" : random.chance(0.5) ? "gymnasium" : "lyceum");
  const names: Record<SchoolKind, [string, string]> = {
    school: [`МБОУ «Средняя общеобразовательная школа № ${number}»`, `МБОУ СОШ № ${number}`],
    gymnasium: [`МБОУ «Гимназия № ${number}»`, `Гимназия № ${number}`],
    lyceum: [`МАОУ «Лицей № ${number}»`, `Лицей № ${number}`],
  };
  const [name, shortName] = names[kind];
  const inspection = random.pick(city.inspections);
  let inn: string;
  let kpp: string;
  do {
    inn = generateOrganizationInn(random, inspection);
    kpp = `${inspection}01001`;
  } while (taken.schools.has(inn + kpp));
  taken.schools.add(inn + kpp);
  // Most municipal schools were entered in the unified register in 2002–2003.
  const ogrn = generateOgrn(random, city.regionCode, inspection, random.pick([2002, 2002, 2003, 2003, 2011, 2015]));
  const postcode = city.postcode + String(random.int(0, 120)).padStart(3, "0");
  const address = `${postcode}, ${city.region}, г. ${city.name}, ${random.pick(STREETS)}, д. ${random.int(1, 140)}`;
  return { name, shortName, inn, kpp, ogrn, oktmo: city.oktmo, address, timeZone: city.timeZone, city, number };
}
