/*
 * Preflight's row writer: a SQLite loadable extension that turns one chunk of an import (the typed
 * arrays the insert thread receives, electron/core/datasets/insert-pipe.ts) into rows, so that
 *
 *   CREATE VIRTUAL TABLE temp.pf_rows_20 USING preflight_rows(20);
 *   INSERT INTO "staging" SELECT * FROM temp.pf_rows_20 WHERE kinds = ? AND nums = ? AND ... AND tail = ?
 *
 * writes a whole chunk in one statement, with no JavaScript value made or bound per field. It also
 * sketches each column (HyperLogLog, bit for bit as hll.ts does it) and keeps the import's words
 * (words.ts). It is loaded into better-sqlite3's own connection (Database#loadExtension) and calls
 * SQLite only through the extension API, so it needs no rebuild for Node or Electron.
 *
 * Chunk format (each a BLOB argument):
 *   kinds  u8[v]   0 null, 1 number, 2 slice of text, 3 next extra string, 4 word nums[k]
 *   nums   f64[v]  the number, or the word's number
 *   starts i32[v], ends i32[v]  offsets into text, in characters (kind 2)
 *   text   the chunk's text, then the extras, then the new words, back to back: one byte per character
 *          (Latin-1: a text with no character above U+00FF, which is most of them) or UTF-16LE
 *   tail   i32[3 + e + w]: bytes per character (1 or 2), the text's length in characters, e, then each
 *          extra's length, w, and each new word's length
 * (v = rows × columns, values row by row).
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#include <stdint.h>
#if defined(_MSC_VER)
#include <intrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#define HLL_P 12
#define HLL_M (1 << HLL_P)
#define ARGS 6

typedef struct {
  char *utf8;
  int len;
  uint32_t hash;
} Word;

/* One per connection: the import's words and each column's sketch. */
typedef struct {
  Word *words;
  int nwords, capwords;
  uint8_t **regs;
  int nregs;
} Session;

typedef struct {
  sqlite3_vtab base;
  Session *s;
  int columns;
} RowsTable;

typedef struct {
  sqlite3_vtab_cursor base;
  RowsTable *t;
  int rows, row;
  const uint8_t *kinds;
  const double *nums;
  const int32_t *starts, *ends;
  /* The chunk's text values as UTF-8, back to back: value k's bytes are utf8[off[k], off[k] + len[k]). */
  char *utf8;
  int64_t cap8;
  int32_t *off, *len;
  int64_t capoff, caplen;
} RowsCursor;

static uint32_t mix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  return h ^ (h >> 16);
}
static uint32_t hash16(const uint16_t *s, int n) {
  uint32_t h = 0x811c9dc5u;
  for (int i = 0; i < n; i++) h = (h ^ s[i]) * 0x01000193u;
  return mix(h ^ 0x5bd1e995u);
}
/* The same hash of a one-byte text (its characters are its bytes). */
static uint32_t hash8(const uint8_t *s, int n) {
  uint32_t h = 0x811c9dc5u;
  for (int i = 0; i < n; i++) h = (h ^ s[i]) * 0x01000193u;
  return mix(h ^ 0x5bd1e995u);
}
static uint32_t hashNumber(double x) {
  uint32_t u[2];
  memcpy(u, &x, 8); /* little-endian, as the JavaScript sketch reads a Float64Array */
  return mix(u[0] ^ ((u[1] ^ 0x27d4eb2du) * 0x9e3779b1u));
}
/* Leading zeros of a non-zero word (Math.clz32). */
static int clz32(uint32_t w) {
#if defined(_MSC_VER)
  unsigned long i;
  _BitScanReverse(&i, w);
  return 31 - (int)i;
#else
  return __builtin_clz(w);
#endif
}
static void addHash(uint8_t *regs, uint32_t h) {
  uint32_t j = h >> (32 - HLL_P);
  uint32_t w = (h << HLL_P) | (1u << (HLL_P - 1));
  uint8_t rank = (uint8_t)(clz32(w) + 1);
  if (rank > regs[j]) regs[j] = rank;
}

/* UTF-16LE → UTF-8 (a lone surrogate becomes U+FFFD, as TextEncoder does); returns the bytes written. */
static int32_t toUtf8(const uint16_t *s, int n, char *out) {
  int32_t o = 0;
  for (int i = 0; i < n; i++) {
    uint32_t c = s[i];
    if (c < 0x80) {
      out[o++] = (char)c;
      continue;
    }
    if (c < 0x800) {
      out[o++] = (char)(0xc0 | (c >> 6));
      out[o++] = (char)(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && s[i + 1] >= 0xdc00 && s[i + 1] <= 0xdfff) {
      c = 0x10000 + ((c - 0xd800) << 10) + (s[++i] - 0xdc00);
      out[o++] = (char)(0xf0 | (c >> 18));
      out[o++] = (char)(0x80 | ((c >> 12) & 0x3f));
      out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
      out[o++] = (char)(0x80 | (c & 0x3f));
      continue;
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    out[o++] = (char)(0xe0 | (c >> 12));
    out[o++] = (char)(0x80 | ((c >> 6) & 0x3f));
    out[o++] = (char)(0x80 | (c & 0x3f));
  }
  return o;
}

/* Latin-1 → UTF-8; returns the bytes written. */
static int32_t latin1ToUtf8(const uint8_t *s, int n, char *out) {
  int32_t o = 0;
  for (int i = 0; i < n; i++) {
    uint8_t c = s[i];
    if (c < 0x80)
      out[o++] = (char)c;
    else {
      out[o++] = (char)(0xc0 | (c >> 6));
      out[o++] = (char)(0x80 | (c & 0x3f));
    }
  }
  return o;
}

/* A chunk's text: one byte per character (Latin-1) or two (UTF-16LE). */
typedef struct {
  const void *p;
  int width;
} Text;
static uint32_t hashAt(Text t, int64_t a, int n) {
  return t.width == 1 ? hash8((const uint8_t *)t.p + a, n) : hash16((const uint16_t *)t.p + a, n);
}
static int32_t utf8At(Text t, int64_t a, int n, char *out) {
  return t.width == 1 ? latin1ToUtf8((const uint8_t *)t.p + a, n, out) : toUtf8((const uint16_t *)t.p + a, n, out);
}

static int grow(void **p, int64_t *cap, int64_t need, size_t size) {
  if (need <= *cap) return 1;
  int64_t n = need + need / 2 + 64;
  void *q = sqlite3_realloc64(*p, (sqlite3_uint64)n * size);
  if (!q) return 0;
  *p = q;
  *cap = n;
  return 1;
}

static int rowsConnect(sqlite3 *db, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err) {
  int columns = argc > 3 ? atoi(argv[3]) : 0;
  if (columns < 1 || columns > 32767) {
    *err = sqlite3_mprintf("preflight_rows needs a column count");
    return SQLITE_ERROR;
  }
  sqlite3_str *sql = sqlite3_str_new(db);
  sqlite3_str_appendall(sql, "CREATE TABLE x(");
  for (int i = 0; i < columns; i++) sqlite3_str_appendf(sql, "c%d,", i);
  sqlite3_str_appendall(sql, "kinds HIDDEN, nums HIDDEN, starts HIDDEN, ends HIDDEN, text HIDDEN, tail HIDDEN)");
  char *ddl = sqlite3_str_finish(sql);
  if (!ddl) return SQLITE_NOMEM;
  int rc = sqlite3_declare_vtab(db, ddl);
  sqlite3_free(ddl);
  if (rc != SQLITE_OK) return rc;
  RowsTable *t = sqlite3_malloc(sizeof(RowsTable));
  if (!t) return SQLITE_NOMEM;
  memset(t, 0, sizeof(*t));
  t->s = (Session *)aux;
  t->columns = columns;
  *out = &t->base;
  return SQLITE_OK;
}

static int rowsDisconnect(sqlite3_vtab *v) {
  sqlite3_free(v);
  return SQLITE_OK;
}

static int rowsBestIndex(sqlite3_vtab *v, sqlite3_index_info *info) {
  RowsTable *t = (RowsTable *)v;
  int found = 0;
  for (int i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    int a = c->iColumn - t->columns;
    if (a < 0 || a >= ARGS) continue;
    if (!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[i].argvIndex = a + 1;
    info->aConstraintUsage[i].omit = 1;
    found |= 1 << a;
  }
  if (found != (1 << ARGS) - 1) return SQLITE_CONSTRAINT;
  info->estimatedCost = 1;
  return SQLITE_OK;
}

static int rowsOpen(sqlite3_vtab *v, sqlite3_vtab_cursor **out) {
  RowsCursor *c = sqlite3_malloc(sizeof(RowsCursor));
  if (!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->t = (RowsTable *)v;
  *out = &c->base;
  return SQLITE_OK;
}

static int rowsClose(sqlite3_vtab_cursor *cur) {
  RowsCursor *c = (RowsCursor *)cur;
  sqlite3_free(c->utf8);
  sqlite3_free(c->off);
  sqlite3_free(c->len);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int fail(RowsCursor *c, const char *why) {
  sqlite3_free(c->t->base.zErrMsg);
  c->t->base.zErrMsg = sqlite3_mprintf("preflight_rows: %s", why);
  return SQLITE_ERROR;
}

static int addWord(Session *s, const char *utf8, int len, uint32_t hash) {
  if (s->nwords == s->capwords) {
    int n = s->capwords ? s->capwords * 2 : 256;
    Word *w = sqlite3_realloc64(s->words, (sqlite3_uint64)n * sizeof(Word));
    if (!w) return SQLITE_NOMEM;
    s->words = w;
    s->capwords = n;
  }
  char *copy = sqlite3_malloc(len + 1);
  if (!copy) return SQLITE_NOMEM;
  memcpy(copy, utf8, len);
  copy[len] = 0;
  s->words[s->nwords++] = (Word){copy, len, hash};
  return SQLITE_OK;
}

static int needRegisters(Session *s, int columns) {
  if (columns <= s->nregs) return SQLITE_OK;
  uint8_t **r = sqlite3_realloc64(s->regs, (sqlite3_uint64)columns * sizeof(uint8_t *));
  if (!r) return SQLITE_NOMEM;
  s->regs = r;
  for (; s->nregs < columns; s->nregs++) {
    r[s->nregs] = sqlite3_malloc(HLL_M);
    if (!r[s->nregs]) return SQLITE_NOMEM;
    memset(r[s->nregs], 0, HLL_M);
  }
  return SQLITE_OK;
}

/* Room in the UTF-8 buffer for `units` more characters after `o` (slices may overlap: not assumed away). */
static int room(RowsCursor *c, int64_t o, int64_t units) {
  int64_t need = o + units * 3 + 1;
  return need < INT32_MAX && grow((void **)&c->utf8, &c->cap8, need, 1);
}

/* Reads the chunk: takes its new words, checks and sketches every value, converts its text values. */
static int rowsFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr, int argc, sqlite3_value **argv) {
  RowsCursor *c = (RowsCursor *)cur;
  Session *s = c->t->s;
  int n = c->t->columns;
  if (argc != ARGS) return fail(c, "wrong arguments");
  int v = sqlite3_value_bytes(argv[0]);
  c->kinds = sqlite3_value_blob(argv[0]);
  c->nums = sqlite3_value_blob(argv[1]);
  c->starts = sqlite3_value_blob(argv[2]);
  c->ends = sqlite3_value_blob(argv[3]);
  const int32_t *tail = sqlite3_value_blob(argv[5]);
  int tailLen = sqlite3_value_bytes(argv[5]) / 4;
  if (v % n != 0 || sqlite3_value_bytes(argv[1]) < (int64_t)v * 8 || sqlite3_value_bytes(argv[2]) < (int64_t)v * 4 ||
      sqlite3_value_bytes(argv[3]) < (int64_t)v * 4 || tailLen < 3)
    return fail(c, "chunk arrays do not match");
  Text text = {sqlite3_value_blob(argv[4]), tail[0]};
  if (text.width != 1 && text.width != 2) return fail(c, "bad text width");
  int units = sqlite3_value_bytes(argv[4]) / text.width;
  tail++;
  tailLen--;
  int bodyUnits = tail[0], extras = tail[1];
  if (extras < 0 || tailLen < 3 + (int64_t)extras) return fail(c, "bad extras");
  int newWords = tail[2 + extras];
  if (newWords < 0 || tailLen < 3 + (int64_t)extras + newWords) return fail(c, "bad words");
  int64_t total = bodyUnits;
  for (int i = 0; i < extras + newWords; i++) {
    int32_t len = tail[(i < extras ? 2 : 3) + i];
    if (len < 0) return fail(c, "negative length");
    total += len;
  }
  if (bodyUnits < 0 || total > units) return fail(c, "text shorter than its parts");
  /* Where each text value's UTF-8 will be. */
  if (!grow((void **)&c->off, &c->capoff, v, 4) || !grow((void **)&c->len, &c->caplen, v, 4)) return SQLITE_NOMEM;
  /* The new words follow the extras: each is kept (as UTF-8) and hashed once for the import. */
  int64_t u = total;
  for (int i = newWords - 1; i >= 0; i--) u -= tail[3 + extras + i];
  for (int i = 0; i < newWords; i++) {
    int len = tail[3 + extras + i];
    if (!room(c, 0, len)) return SQLITE_NOMEM;
    int32_t bytes = utf8At(text, u, len, c->utf8);
    int rc = addWord(s, c->utf8, bytes, hashAt(text, u, len));
    if (rc != SQLITE_OK) return rc;
    u += len;
  }
  int rc = needRegisters(s, n);
  if (rc != SQLITE_OK) return rc;
  /* Check and sketch every value, and convert the text values: a bad one fails the chunk before any row. */
  int32_t o = 0;
  int e = 0;
  int64_t x = bodyUnits; /* where the next extra string starts */
  for (int k = 0; k < v; k++) {
    uint8_t *regs = s->regs[k % n];
    switch (c->kinds[k]) {
      case 0:
        break;
      case 1:
        addHash(regs, hashNumber(c->nums[k]));
        break;
      case 2: {
        int32_t a = c->starts[k], b = c->ends[k];
        if (a < 0 || b < a || b > bodyUnits) return fail(c, "text offsets out of range");
        addHash(regs, hashAt(text, a, b - a));
        if (!room(c, o, b - a)) return SQLITE_NOMEM;
        c->off[k] = o;
        c->len[k] = utf8At(text, a, b - a, c->utf8 + o);
        o += c->len[k];
        break;
      }
      case 3: {
        if (e >= extras) return fail(c, "more extra values than strings");
        int len = tail[2 + e++];
        addHash(regs, hashAt(text, x, len));
        if (!room(c, o, len)) return SQLITE_NOMEM;
        c->off[k] = o;
        c->len[k] = utf8At(text, x, len, c->utf8 + o);
        o += c->len[k];
        x += len;
        break;
      }
      case 4: {
        double w = c->nums[k];
        if (!(w >= 0 && w < s->nwords)) return fail(c, "unknown word");
        addHash(regs, s->words[(int)w].hash);
        break;
      }
      default:
        return fail(c, "unknown value kind");
    }
  }
  c->rows = v / n;
  c->row = 0;
  (void)idxNum;
  (void)idxStr;
  return SQLITE_OK;
}

static int rowsNext(sqlite3_vtab_cursor *cur) {
  ((RowsCursor *)cur)->row++;
  return SQLITE_OK;
}

static int rowsEof(sqlite3_vtab_cursor *cur) {
  RowsCursor *c = (RowsCursor *)cur;
  return c->row >= c->rows;
}

static int rowsColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i) {
  RowsCursor *c = (RowsCursor *)cur;
  int n = c->t->columns;
  if (i >= n) return SQLITE_OK; /* hidden arguments read back: NULL */
  int k = c->row * n + i;
  switch (c->kinds[k]) {
    case 1: {
      /* An integer within ±2^53 as INTEGER (1–3 bytes for most, not 8), as the JavaScript writer binds it;
         -0 and everything else as REAL. */
      double d = c->nums[k];
      if (d >= -9007199254740992.0 && d <= 9007199254740992.0 && d == (double)(sqlite3_int64)d &&
          !(d == 0 && 1 / d < 0))
        sqlite3_result_int64(ctx, (sqlite3_int64)d);
      else
        sqlite3_result_double(ctx, d);
      break;
    }
    case 2:
    case 3:
      sqlite3_result_text(ctx, c->utf8 + c->off[k], c->len[k], SQLITE_STATIC);
      break;
    case 4: {
      Word *w = &c->t->s->words[(int)c->nums[k]];
      sqlite3_result_text(ctx, w->utf8, w->len, SQLITE_STATIC);
      break;
    }
    default:
      sqlite3_result_null(ctx);
  }
  return SQLITE_OK;
}

static int rowsRowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out) {
  *out = ((RowsCursor *)cur)->row;
  return SQLITE_OK;
}

static sqlite3_module rowsModule = {
    .iVersion = 0,
    .xCreate = rowsConnect,
    .xConnect = rowsConnect,
    .xBestIndex = rowsBestIndex,
    .xDisconnect = rowsDisconnect,
    .xDestroy = rowsDisconnect,
    .xOpen = rowsOpen,
    .xClose = rowsClose,
    .xFilter = rowsFilter,
    .xNext = rowsNext,
    .xEof = rowsEof,
    .xColumn = rowsColumn,
    .xRowid = rowsRowid,
};

/* preflight_rows_sketch(i): column i's HyperLogLog registers (4,096 bytes), or NULL when it has none. */
static void sketchFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  Session *s = sqlite3_user_data(ctx);
  int i = sqlite3_value_int(argv[0]);
  if (i < 0 || i >= s->nregs) return sqlite3_result_null(ctx);
  sqlite3_result_blob(ctx, s->regs[i], HLL_M, SQLITE_TRANSIENT);
  (void)argc;
}

static void freeSession(void *p) {
  Session *s = p;
  for (int i = 0; i < s->nwords; i++) sqlite3_free(s->words[i].utf8);
  sqlite3_free(s->words);
  for (int i = 0; i < s->nregs; i++) sqlite3_free(s->regs[i]);
  sqlite3_free(s->regs);
  sqlite3_free(s);
}

/* SQLite finds this entry point from the file's name (preflight_rows.so → sqlite3_preflightrows_init). */
#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_preflightrows_init(sqlite3 *db, char **err, const sqlite3_api_routines *api) {
  SQLITE_EXTENSION_INIT2(api);
  Session *s = sqlite3_malloc(sizeof(Session));
  if (!s) return SQLITE_NOMEM;
  memset(s, 0, sizeof(*s));
  int rc = sqlite3_create_function_v2(db, "preflight_rows_sketch", 1, SQLITE_UTF8, s, sketchFunc, 0, 0, 0);
  if (rc != SQLITE_OK) {
    sqlite3_free(s);
    return rc;
  }
  rc = sqlite3_create_module_v2(db, "preflight_rows", &rowsModule, s, freeSession);
  (void)err;
  return rc;
}
