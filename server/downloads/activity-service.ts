import * as v from "valibot";
import type { Db } from "../../db/connection.ts";
import { EpisodeListingRepository } from "../../db/repositories/episode-listing-repository.ts";
import {
  type CalendarInput,
  CalendarInputSchema,
  type EpisodeListing,
  type HistoryInput,
  HistoryInputSchema,
  type HistoryRow,
  type Page,
  type WantedInput,
  WantedInputSchema,
} from "../../shared/activity.ts";
import type { SettingsService } from "../settings/settings-service.ts";

const DAY_MS = 86_400_000;

/** The read side of activity: download history, wanted (missing) episodes and the air-date calendar. */
export class ActivityService {
  private readonly repo: EpisodeListingRepository;

  constructor(
    db: Db,
    private readonly settings: SettingsService,
  ) {
    this.repo = new EpisodeListingRepository(db);
  }

  history(input: HistoryInput): Page<HistoryRow> {
    const f = v.parse(HistoryInputSchema, input);
    return this.repo.history({
      seriesId: f.seriesId,
      episodeId: f.episodeId,
      result: f.result,
      fromMs: f.from ? Date.parse(`${f.from}T00:00:00Z`) : undefined,
      toMs: f.to ? Date.parse(`${f.to}T00:00:00Z`) + DAY_MS - 1 : undefined,
      limit: f.limit,
      offset: f.offset,
    });
  }

  wanted(input: WantedInput): Page<EpisodeListing> {
    return this.repo.wanted(v.parse(WantedInputSchema, input), this.rule());
  }

  calendar(input: CalendarInput): EpisodeListing[] {
    return this.repo.calendar(v.parse(CalendarInputSchema, input));
  }

  private rule() {
    const s = this.settings.get();
    return { mode: s.missingMode, defaultLanguages: s.languages };
  }
}
