import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** Writes `files` (relative path → content) under `root`, creating folders. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const full = join(root, rel);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
}

/**
 * A library with mixed naming, season folders, specials, artwork, junk, symlinks (inside and leaving the
 * root) and, with `locked`, a folder without permission. `outside` is a folder beside the root.
 */
export function buildMixedLibrary(root: string, outside: string, options: { locked?: boolean } = {}): void {
  writeTree(outside, { "stolen/Stolen S01E01.mkv": "x", "secret.mkv": "x" });
  writeTree(root, {
    // Created by Aniworld: sidecar, artwork, NFO, the default template and a special.
    "Naruto/.aniworld.json": JSON.stringify({ catalogKey: "aniworld:naruto", title: "Naruto", year: 2002 }),
    "Naruto/poster.jpg": "p",
    "Naruto/fanart.jpg": "f",
    "Naruto/logo.png": "l",
    "Naruto/tvshow.nfo": "<tvshow><title>Naruto</title></tvshow>",
    "Naruto/Season 01/Naruto - S01E01 - Heimkehr [German Dub].mkv": "12345",
    "Naruto/Season 01/Naruto - S01E02 - Zwei [German Sub].mkv": "1234",
    "Naruto/Season 01/Naruto - S01E02 - Zwei [English Sub].mkv": "123",
    "Naruto/Specials/Naruto - S00E01 - Der Film [German Dub].mp4": "1",
    "Naruto/Season 01/.Naruto - S01E03.mkv.0123abcd.tmp": "",
    "Naruto/Season 01/Naruto - S01E04.mkv.part": "",
    "Naruto/Season 01/notes.txt": "",
    // An NFO-only identity and the older client's names.
    "Attack on Titan (2013)/tvshow.nfo":
      '<?xml version="1.0"?><tvshow><title>Attack on Titan</title><year>2013</year><uniqueid type="tmdb">1429</uniqueid><uniqueid type="aniworld">attack-on-titan</uniqueid></tvshow>',
    "Attack on Titan (2013)/clearlogo.png": "l",
    "Attack on Titan (2013)/Attack on Titan - S01E001 - (German Dub).mp4": "aa",
    "Attack on Titan (2013)/Attack on Titan - S01E002-E003 - (English Sub).mp4": "bbb",
    "Attack on Titan (2013)/Extras/Attack on Titan - S01E009.mkv": "",
    // A folder made by hand: anime release names, no identity.
    "Some Anime [tmdbid-1]/[Group] Some Anime - 01 [1080p][ABCD1234].mkv": "1",
    "Some Anime [tmdbid-1]/[Group] Some Anime - 02v2 [1080p].mkv": "22",
    "Some Anime [tmdbid-1]/Behind the curtain.mkv": "",
    "Some Anime [tmdbid-1]/folder.jpg": "",
    // Junk at the root.
    "stray.mkv": "",
    ".hidden/Hidden S01E01.mkv": "",
  });
  symlinkSync(outside, join(root, "Outside Link"));
  symlinkSync(join(outside, "secret.mkv"), join(root, "Naruto", "Season 01", "Naruto - S01E05.mkv"));
  symlinkSync(
    join(root, "Naruto", "Specials", "Naruto - S00E01 - Der Film [German Dub].mp4"),
    join(root, "Naruto", "Specials", "Naruto - S00E02 - Link [German Dub].mp4"),
  );
  symlinkSync(join(root, "nowhere"), join(root, "Naruto", "Season 01", "Naruto - S01E06.mkv"));
  if (options.locked) {
    writeTree(root, { "Locked/Locked S01E01.mkv": "" });
    chmodSync(join(root, "Locked"), 0o000);
  }
}
