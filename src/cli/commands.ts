// Commands beyond analyze/evaluate register themselves here (one import per command module).
export {};
