"""The register declarations, one module per group of 一卡、二表、三簿、十冊 (and the rest)."""
