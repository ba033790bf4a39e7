# clusterscope build. `make` builds the library and CLI; `make demo` and `make test` install
# what they need first (scripts/deps.sh), so both work on a fresh Debian machine.
VERSION := 0.1.0
PREFIX ?= /usr/local
CC ?= cc
SANITIZE ?= 0

ifeq ($(SANITIZE),1)
BUILD ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS :=
endif

PKGS := sqlite3 jansson xlsxwriter libmicrohttpd librsvg-2.0 igraph libxml-2.0
OPT ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CS_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
	-fPIC -fopenmp -MMD -MP -Iinclude -Isrc -I$(BUILD)/gen $(PKG_CFLAGS) $(OPT) $(SANFLAGS) \
	-DCS_VERSION_STRING='"$(VERSION)"' -DCS_HAVE_XLSXWRITER $(CFLAGS)
CS_LDFLAGS = -fopenmp $(SANFLAGS) $(LDFLAGS)
CS_LIBS = $(PKG_LIBS) -lcsv -lstemmer -largon2 -lsodium -lpthread -lm

LIB_SRC := $(sort $(wildcard src/*/*.c))
LIB_SRC := $(filter-out src/cli/%,$(LIB_SRC))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
WEB_GEN := $(BUILD)/gen/web/static/leaflet.js $(BUILD)/gen/web/static/leaflet.css
LEAFLET := web/node_modules/leaflet/dist
EMBED_IN := $(sort $(wildcard methods/*.json)) $(sort $(wildcard src/store/migrations/*.sql)) src/store/fact_definitions.json \
	maps/ru-grid.csv \
	$(sort $(wildcard web/static/*)) $(WEB_GEN)
EMBED_C := $(BUILD)/gen/embedded.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/embedded.o
CLI_OBJ := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/fuzz_*.c))

STATIC_LIB := $(BUILD)/libclusterscope.a
SHARED_LIB := $(BUILD)/libclusterscope.so.$(VERSION)
CLI := $(BUILD)/clusterscope

.PHONY: all deps demo test unit cli-tests format format-check install uninstall bench fuzz clean example

all: $(CLI) $(STATIC_LIB) $(SHARED_LIB)

deps:
	@scripts/deps.sh build

# Leaflet from npm (web/package-lock.json), served as /static/leaflet.js and .css: the files are
# copied under $(BUILD)/gen/web/static/, which scripts/embed.sh names web/static/NAME.

$(LEAFLET)/leaflet.js $(LEAFLET)/leaflet.css: web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $(LEAFLET)/leaflet.js $(LEAFLET)/leaflet.css

# no source map: the page asks this server for nothing it does not have
$(BUILD)/gen/web/static/%: $(LEAFLET)/%
	@mkdir -p $(dir $@)
	sed '/sourceMappingURL/d' $< > $@

$(EMBED_C): $(EMBED_IN) scripts/embed.sh Makefile
	@mkdir -p $(dir $@)
	scripts/embed.sh $@ $(EMBED_IN)

$(BUILD)/gen/embedded.o: $(EMBED_C)
	$(CC) $(CS_CFLAGS) -c $< -o $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CS_CFLAGS) -c $< -o $@

$(STATIC_LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(SHARED_LIB): $(LIB_OBJ)
	$(CC) -shared -Wl,-soname,libclusterscope.so.0 $(CS_LDFLAGS) -o $@ $^ $(CS_LIBS)

$(CLI): $(CLI_OBJ) $(STATIC_LIB)
	$(CC) $(CS_LDFLAGS) -o $@ $(CLI_OBJ) $(STATIC_LIB) $(CS_LIBS)

$(BUILD)/tests/%: tests/unit/%.c $(STATIC_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CS_CFLAGS) -Itests/unit $(CS_LDFLAGS) -o $@ $< $(STATIC_LIB) $(CS_LIBS) -lcmocka

JOBS ?= $(shell nproc 2>/dev/null || echo 2)

demo:
	@scripts/deps.sh build
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@scripts/demo.sh $(CLI)

unit: $(TEST_BIN)
cli-tests: $(CLI)

test:
	@scripts/deps.sh test
	@$(MAKE) --no-print-directory -j$(JOBS) all unit
	@SANITIZE=$(SANITIZE) tests/run.sh $(BUILD)

format:
	clang-format -i $(LIB_SRC) $(CLI_SRC) $(TEST_SRC) $(FUZZ_SRC) $(wildcard include/clusterscope/*.h src/*/*.h tests/unit/*.h examples/*.c)

format-check:
	@scripts/format-check.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig \
		$(DESTDIR)$(PREFIX)/include/clusterscope $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/clusterscope/methods
	install -m 755 $(CLI) $(DESTDIR)$(PREFIX)/bin/clusterscope
	install -m 644 $(STATIC_LIB) $(DESTDIR)$(PREFIX)/lib/libclusterscope.a
	install -m 755 $(SHARED_LIB) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libclusterscope.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libclusterscope.so.0
	ln -sf libclusterscope.so.0 $(DESTDIR)$(PREFIX)/lib/libclusterscope.so
	install -m 644 include/clusterscope/*.h $(DESTDIR)$(PREFIX)/include/clusterscope/
	install -m 644 man/clusterscope.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 methods/*.json $(DESTDIR)$(PREFIX)/share/clusterscope/methods/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' clusterscope.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/clusterscope.pc

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/clusterscope $(DESTDIR)$(PREFIX)/lib/libclusterscope.* \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/clusterscope.pc $(DESTDIR)$(PREFIX)/share/man/man1/clusterscope.1
	rm -rf $(DESTDIR)$(PREFIX)/include/clusterscope $(DESTDIR)$(PREFIX)/share/clusterscope

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory -j$(JOBS) all
	@bench/run.sh $(BUILD)

fuzz:
	@scripts/deps.sh fuzz
	@scripts/fuzz.sh $${FUZZ_SECONDS:-60}

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d)
