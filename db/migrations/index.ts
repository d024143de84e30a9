import type { Migration } from "kysely";
import * as createResponses from "./2026_11_27_230000_create_responses";
import * as organisers from "./2026_11_27_233500_organisers";
import * as coding from "./2026_11_27_235000_coding";
import * as exportIndex from "./2026_11_28_003000_export_index";
import * as dropResponseRevision from "./2026_12_01_090000_drop_response_revision";
import * as themeLabels from "./2026_12_01_091000_theme_labels";
import * as languageSwitches from "./2026_12_01_100000_language_switches";
import * as mailOutbox from "./2026_12_01_120000_mail_outbox";
import * as consultationDates from "./2026_12_01_130000_consultation_dates";
import * as twoFactor from "./2026_12_01_131000_two_factor";
import * as leadCoder from "./2026_12_01_132000_lead_coder";
import * as compendium from "./2026_12_01_140000_compendium";
import * as consultationRecords from "./2026_12_01_150000_consultation_records";
import * as rateLimitsAndJobLeases from "./2026_12_01_161500_rate_limits_and_job_leases";

/**
 * Every migration, by name. Listed here rather than read from the folder so that
 * the server bundle carries them and the app migrates itself at start.
 */
export const migrations: Record<string, Migration> = {
  "2026_11_27_230000_create_responses": createResponses,
  "2026_11_27_233500_organisers": organisers,
  "2026_11_27_235000_coding": coding,
  "2026_11_28_003000_export_index": exportIndex,
  "2026_12_01_090000_drop_response_revision": dropResponseRevision,
  "2026_12_01_091000_theme_labels": themeLabels,
  "2026_12_01_100000_language_switches": languageSwitches,
  "2026_12_01_120000_mail_outbox": mailOutbox,
  "2026_12_01_130000_consultation_dates": consultationDates,
  "2026_12_01_131000_two_factor": twoFactor,
  "2026_12_01_132000_lead_coder": leadCoder,
  "2026_12_01_140000_compendium": compendium,
  "2026_12_01_150000_consultation_records": consultationRecords,
  "2026_12_01_161500_rate_limits_and_job_leases": rateLimitsAndJobLeases,
};
