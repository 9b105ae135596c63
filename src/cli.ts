console.log("parity-check: not built yet");
