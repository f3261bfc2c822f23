import { statSync } from "node:fs";
import type { ScanIssue } from "../../shared/library-scan.ts";
import type { Config } from "../config.ts";
import { type FolderReport, folderReport } from "../library/folder-report.ts";
import { ScanWorkerClient } from "../library/scan-worker-client.ts";

/**
 * `aniworld scan [--library DIR] [--json]`: reads the library with the same worker the server uses and
 * reports every series folder. Read-only: it opens no database and needs no running server (the server's
 * own scans, on start / on demand / on schedule, record results in its database).
 * Exit code 0, or 1 when the library root cannot be read.
 */
export async function runScan(config: Config, json: boolean): Promise<number> {
  try {
    if (!statSync(config.library).isDirectory()) throw new Error("not a folder");
  } catch (error) {
    console.error(`aniworld: cannot read the library ${config.library}: ${(error as Error).message}`);
    return 1;
  }
  const reports: FolderReport[] = [];
  const rootIssues: ScanIssue[] = [];
  const worker = new ScanWorkerClient();
  try {
    await worker.run(
      { type: "scan", jobId: "cli", root: config.library, folders: null, previous: {}, batchSize: 100 },
      (message) => {
        if (message.type === "folders")
          for (const scan of message.folders) {
            const report = folderReport(scan);
            if (json) console.log(JSON.stringify(report));
            else reports.push(report);
          }
        else if (message.type === "finished") rootIssues.push(...message.issues);
      },
    );
  } catch (error) {
    console.error(`aniworld: scan failed: ${(error as Error).message}`);
    return 1;
  } finally {
    worker.close();
  }
  for (const issue of rootIssues)
    console.error(`aniworld: ${issue.path}: ${issue.problem} (${issue.message})`);
  if (!json) printTable(reports);
  return 0;
}

function printTable(reports: FolderReport[]): void {
  const rows = reports.map((r) => {
    const art = `${r.artwork.poster ? "P" : "-"}${r.artwork.fanart ? "F" : "-"}${r.artwork.logo ? "L" : "-"}${r.artwork.nfo ? "N" : "-"}`;
    const notes = [
      r.key ? "" : `unmatched; suggested ${r.suggestion?.catalogKey ?? "none"}`,
      r.unparsed.length ? `${r.unparsed.length} unparsed` : "",
      r.issues.length ? r.issues.map((i) => `${i.problem}: ${i.path}`).join(", ") : "",
    ]
      .filter(Boolean)
      .join("; ");
    return [r.folder, r.key ?? "-", String(r.episodesOnDisk), art, notes];
  });
  const header = ["FOLDER", "KEY", "EPISODES", "ART", "NOTES"];
  const widths = header.map((h, i) => Math.min(50, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ");
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  const matched = reports.filter((r) => r.key).length;
  console.log(
    `\n${reports.length} series folders: ${matched} matched, ${reports.length - matched} unmatched (ART: Poster Fanart Logo Nfo)`,
  );
}
