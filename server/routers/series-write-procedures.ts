/** series.add / remove / retryLoading / setMonitored / loadingStatus: the write side (loader issue). */
export const seriesWriteProcedures = {};
