export { analyzeOffline, type OfflineAnalysis } from "./analyze";
export { offlineReply, type OfflineReply } from "./reply";
export { detectLanguage, type DialogMessage } from "./text";
