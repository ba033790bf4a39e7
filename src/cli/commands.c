#include "cli.h"

#include <stddef.h>

const cs_command cs_commands[] = {
    { "init", cs_cmd_init, "create a new, empty registry",
      "usage: clusterscope init [--db PATH]\n"
      "\n"
      "Creates a registry database (default ./clusterscope.db, or $CLUSTERSCOPE_DB) with the\n"
      "current schema and the built-in fact definitions. Refuses to overwrite an existing file.\n"
      "\n"
      "  --db PATH   the registry file to create\n" },
    { "import", cs_cmd_import, "import CSV and JSON files into the registry",
      "usage: clusterscope import [--db PATH] [--dry-run] [--kind KIND] [--encoding ENC]\n"
      "                           [--delimiter D] FILE...\n"
      "\n"
      "Imports registry records from CSV and JSON files (docs/formats.md) in one transaction: on\n"
      "any error nothing is stored and the message names file:line:column. Records are upserted\n"
      "by their stable keys; re-importing the same data changes nothing and is reported as\n"
      "unchanged. A file ending in .json is a JSON registry document; any other is CSV, whose\n"
      "record kind comes from --kind, the file name (clusters.csv) or the header.\n"
      "\n"
      "  --dry-run        validate everything, store nothing\n"
      "  --kind KIND      CSV record kind: fact_definitions, sources, countries, regions,\n"
      "                   clusters, organisations, memberships or facts\n"
      "  --encoding ENC   CSV encoding: auto (default), utf-8 or cp1251\n"
      "  --delimiter D    CSV delimiter: ',' ';' or 'tab' (default: detected)\n" },
    { "export", cs_cmd_export, "export the registry as JSON or CSV",
      "usage: clusterscope export [--db PATH] [--format json|csv] [-o PATH]\n"
      "\n"
      "Writes the whole registry so that it imports back to the same registry. JSON goes to\n"
      "one file (default: standard output); CSV to a folder with one file per record kind.\n"
      "Records are sorted by key, so the output is byte-identical for the same registry.\n"
      "\n"
      "  --format FMT   json (default) or csv\n"
      "  -o PATH        output file (json) or folder (csv)\n" },
    { "assess", cs_cmd_assess, "score clusters on an indicator system",
      "usage: clusterscope assess [--db PATH] [--method ID|FILE] [--year YEAR]\n"
      "                           [--format table|csv|json] [-o FILE] [--explain CLUSTER]\n"
      "                           [--cluster KEY] [--no-store]\n"
      "\n"
      "Scores every cluster on the method's indicators: 1 (met), 0 (not met) or ? (unknown:\n"
      "a fact is missing or its bounds do not decide). Prints each indicator, the items of\n"
      "composite indicators, block scores, totals and coverage (known items / all items), and\n"
      "stores the scores with the method id and version (unless --no-store).\n"
      "\n"
      "  --method M       a built-in method id (default hse-biomedical-2019; see\n"
      "                   'clusterscope methods') or a method file path\n"
      "  --year YEAR      assessment year: facts dated after it are ignored\n"
      "  --format FMT     table (default), csv or json\n"
      "  -o FILE          write to FILE (atomically) instead of standard output\n"
      "  --explain KEY    for one cluster: every indicator's rule, fact, value, source and result\n"
      "  --cluster KEY    assess only this cluster\n"
      "  --no-store       do not store the scores\n" },
    { "methods", cs_cmd_methods, "list the built-in indicator systems, or show one",
      "usage: clusterscope methods [ID|FILE]\n"
      "\n"
      "Without an argument, lists the built-in methods. With one, shows the method's blocks,\n"
      "indicators, items and rules.\n" },
    { "facts", cs_cmd_facts, "list the fact definitions of the registry",
      "usage: clusterscope facts [--db PATH]\n"
      "\n"
      "Lists every fact a record may state: subject kind, name, type, levels, unit and label.\n" },
    { "status", cs_cmd_status, "show what the registry holds",
      "usage: clusterscope status [--db PATH]\n"
      "\n"
      "Prints the registry path, schema version and the number of records of each kind.\n" },
    { "help", cs_cmd_help, "show help for a command", "usage: clusterscope help [COMMAND]\n" },
    { "version", cs_cmd_version, "print the version", "usage: clusterscope version\n" },
    { NULL, NULL, NULL, NULL },
};
