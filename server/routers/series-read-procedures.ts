/** series.list / series.get: the read side of the series API (library issue). */
export const seriesReadProcedures = {};
