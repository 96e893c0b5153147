/** The stages `--dump=` can print (a module of its own so the CLI can name them without loading the compiler). */
export type DumpStage = "ast" | "facts" | "ir" | "c";
export const DUMP_STAGES: readonly DumpStage[] = ["ast", "facts", "ir", "c"];
