/** The benchmark report in Markdown: the machine, the data, and the results with their ratios to the reference. */
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import type { GenerationStep } from "./datasets.ts";
import type { LoadResult } from "./measure.ts";

export interface VariantReport {
  name: string;
  database: { marks: number; journalCells: number; lessons: number; students: number; schools: number; sizeMb: number };
  generation: GenerationStep[];
  vacuumSeconds: number;
  facts: {
    gridJournals: string[];
    savingTeachers: number;
    editableCells: number;
    referencePath: string;
    /** Saves answered 200 while the teachers' live streams were open, and the events the streams received. */
    live: { saves: number; events: number };
  };
  results: { reference: LoadResult; measured: LoadResult }[];
}

export function machineLines(postgresVersion: string): string[] {
  return [
    `- date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
    `- machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? "unknown CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `- Node ${process.version}, ${postgresVersion.split(" on ")[0]}, PostgreSQL on the same machine (localhost)`,
    `- load average when the report was written: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(", ")} (other work on the machine slows every figure alike; the ratios to the reference allow for it)`,
  ];
}

const n = (x: number) => x.toLocaleString("en-US");

export function variantMarkdown(v: VariantReport): string {
  const d = v.database;
  const lines = [
    `### ${v.name}: ${n(d.marks)} marks`,
    "",
    `${n(d.schools)} schools, ${n(d.students)} students, ${n(d.lessons)} lessons, ${n(d.journalCells)} journal cells, ${n(d.marks)} marks; ${n(d.sizeMb)} MB.`,
    "",
    ...(v.generation.length === 0
      ? ["Data of an earlier run (`--keep`), measured again (`--reuse`)."]
      : [
          "| generation step | marks | time |",
          "| --- | ---: | ---: |",
          ...v.generation.map((s) => `| ${s.what} | ${n(s.marks)} | ${s.seconds} s |`),
          `| vacuum analyze | | ${v.vacuumSeconds} s |`,
        ]),
    "",
    `Reference endpoint: \`${v.facts.referencePath}\`. Grid journals: ${v.facts.gridJournals.join("; ")}. ` +
      `Saving: ${v.facts.savingTeachers} teachers, ${n(v.facts.editableCells)} open cells in their journals, each holding ` +
      `its live stream (\`GET /api/v1/live\`) open during the saves: ${n(v.facts.live.events)} events pushed for ${n(v.facts.live.saves)} saves.`,
    "",
    "| benchmark | connections | req/s | p50 ms | p95 ms | p99 ms | max ms | statuses | generator's loop late p99 / max ms | reference req/s | reference p99 ms | req/s ÷ reference | p99 ÷ reference |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const shown = new Set<LoadResult>();
  for (const { reference: ref, measured: m } of v.results) {
    for (const r of [ref, m].filter((x) => !shown.has(x))) {
      shown.add(r);
      const statuses = Object.entries(r.statuses)
        .map(([status, count]) => `${status}: ${n(count)}`)
        .join(", ");
      const ratios =
        r === ref ? "| | | | " : `| ${n(ref.rps)} | ${ref.p99} | ${(r.rps / ref.rps).toFixed(2)} | ${(r.p99 / ref.p99).toFixed(2)} `;
      lines.push(
        `| ${r.name} | ${r.connections}${r.ratePerConnection ? ` × ${Math.round(r.ratePerConnection * 100) / 100}/s` : ""} | ${n(r.rps)} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ${statuses}${r.errors ? `, errors: ${r.errors}` : ""} | ${r.clientDelay.p99} / ${r.clientDelay.max} ${ratios}|`,
      );
    }
  }
  return lines.join("\n");
}

/** Latency growth of each benchmark from the first variant to the second (p95 and p99). */
export function growthMarkdown(small: VariantReport, large: VariantReport): string {
  const lines = [
    `### Growth from ${n(small.database.marks)} to ${n(large.database.marks)} marks`,
    "",
    "| benchmark | p95 small → large | × | p99 small → large | × | req/s small → large |",
    "| --- | --- | ---: | --- | ---: | --- |",
  ];
  const rows = (v: VariantReport) => [...new Set(v.results.flatMap((r) => [r.reference, r.measured]))];
  const after = rows(large);
  rows(small).forEach((a, i) => {
    const b = after[i]!;
    lines.push(
      `| ${a.name}, ${a.connections} connection${a.connections === 1 ? "" : "s"} | ${a.p95} → ${b.p95} ms | ${(b.p95 / a.p95).toFixed(2)} | ${a.p99} → ${b.p99} ms | ${(b.p99 / a.p99).toFixed(2)} | ${n(a.rps)} → ${n(b.rps)} |`,
    );
  });
  return lines.join("\n");
}
