import { createContext } from "react";

/** The consultation's country group: the country question lists its countries first, under its name. */
export interface CountryGroup {
  label: string;
  codes: string[];
}

export const CountryRegion = createContext<CountryGroup | null>(null);
