# hermes-guardrails — see README.md.
#
#   make            build build/hermes-guardrail-generator and build/hermes-unit-lint
#   make check      unit tests (cmocka), golden trees, end-to-end in a real systemd --user
#   make check SANITIZE=1   the same, built with ASan+UBSan (in build-san/)
#   make demo       run the generator over the sample tree of stock Hermes units
#   make install    PREFIX=/usr/local DESTDIR= SYSCONFDIR=/etc
#   make deb-check  build the .deb in a clean copy, lintian, install/upgrade/purge it (root)
#   make fuzz       long fuzzing (clang/libFuzzer), not part of check
#   make bench      benchmarks (ratios against a baseline run in the same invocation)

VERSION := 0.1.0
# Where the project is published: SARIF's informationUri, and helpUri HOMEPAGE/rules/ID.md
# (make rule-pages writes those pages). Set it when you publish.
HOMEPAGE ?= https://example.org/hermes-guardrails

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
DATADIR    ?= $(PREFIX)/share/hermes-guardrails
SYSCONFDIR ?= /etc
DESTDIR    ?=
# Where the example policy goes; packages put it under /usr/share/doc (debian/rules).
EXAMPLEDIR ?= $(SYSCONFDIR)/hermes-guardrails
# 1: create $(SYSCONFDIR)/hermes-guardrails/policy.conf.d; 0 leaves /etc to the admin (packages).
ETC_DIRS   ?= 1
# systemd's generator dirs, moved under PREFIX (evaluated when used, after the deps step)
SYSTEMD_DIR = $(shell pkg-config --define-variable=prefix=$(PREFIX) \
                --define-variable=root_prefix=$(PREFIX) --variable=$(1) systemd)
USERGENDIR   ?= $(call SYSTEMD_DIR,systemd_user_generator_dir)
SYSTEMGENDIR ?= $(call SYSTEMD_DIR,systemd_system_generator_dir)
# 1: also install the generator as a system generator (for `hermes gateway install --system` units)
SYSTEM_GENERATOR ?= 0

CC      ?= cc
CFLAGS  ?= -O2 -g
SANITIZE ?= 0

# BUILD=DIR puts everything elsewhere (parallel builds of one checkout).
BUILD ?= build
ifeq ($(SANITIZE),1)
B := $(BUILD)-san
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
else
B := $(BUILD)
SAN_FLAGS :=
endif

# Goals that must work before (or without) the dependencies.
NODEPS_GOALS := clean help deps deb-check
ifneq ($(filter-out $(NODEPS_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(B)/config.mk
endif

WARN := -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wmissing-prototypes \
        -Wstrict-prototypes -Wformat=2 -Wno-unused-parameter
ALL_CFLAGS = -std=gnu11 $(WARN) $(CPPFLAGS) $(CFLAGS) $(SAN_FLAGS) -D_GNU_SOURCE \
             -DVERSION='"$(VERSION)"' -DSYSCONFDIR='"$(SYSCONFDIR)"' -DHOMEPAGE='"$(HOMEPAGE)"' \
             -Ilib -I$(B)/gen $(DEP_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(LDFLAGS) $(SAN_FLAGS)

LIB_SRC  := $(sort $(wildcard lib/*.c))
GEN_SRC  := $(sort $(wildcard generator/*.c))
LINT_SRC := $(sort $(wildcard lint/*.c lint/rules/*.c lint/hermes/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEMPLATES := $(sort $(wildcard templates/*.in))

LIB_OBJ  := $(LIB_SRC:%.c=$(B)/%.o) $(B)/gen/templates.o
GEN_OBJ  := $(GEN_SRC:%.c=$(B)/%.o)
LINT_OBJ := $(LINT_SRC:%.c=$(B)/%.o) $(if $(LINT_SRC),$(B)/gen/rulehelp.o)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

GENERATOR := $(B)/hermes-guardrail-generator
LINT      := $(B)/hermes-unit-lint
PROGRAMS  := $(GENERATOR) $(if $(LINT_SRC),$(LINT))

.PHONY: all deps check check-unit check-golden check-e2e check-man deb-check demo install uninstall \
        clean help fuzz bench rule-pages
.DEFAULT_GOAL := all

all: $(PROGRAMS)

# ---- dependencies ---------------------------------------------------------
deps:
	@sh build-aux/deps.sh

$(B)/config.mk: build-aux/deps.sh
	@mkdir -p $(@D)
	@sh build-aux/deps.sh
	@{ echo "DEP_CFLAGS := $$(pkg-config --cflags libsystemd inih) $$(pkg-config --cflags libgcrypt 2>/dev/null || libgcrypt-config --cflags)"; \
	   echo "DEP_LIBS := $$(pkg-config --libs libsystemd inih) $$(pkg-config --libs libgcrypt 2>/dev/null || libgcrypt-config --libs)"; \
	   echo "CMOCKA_CFLAGS := $$(pkg-config --cflags cmocka)"; \
	   echo "CMOCKA_LIBS := $$(pkg-config --libs cmocka)"; \
	 } > $@.tmp && mv $@.tmp $@

# ---- build ----------------------------------------------------------------
$(B)/%.o: %.c $(B)/config.mk | $(B)/gen/templates.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(B)/gen/templates.c: $(TEMPLATES) build-aux/embed.sh
	@mkdir -p $(@D)
	@{ for t in $(TEMPLATES); do \
	     n=$$(basename $$t .in | tr -c 'a-zA-Z0-9\n' '_'); \
	     sh build-aux/embed.sh template_$$n $$t; done; } > $@.tmp && mv $@.tmp $@

$(B)/gen/templates.h: $(TEMPLATES)
	@mkdir -p $(@D)
	@{ echo '/* Generated: the files of templates/, compiled in. */'; echo '#pragma once'; \
	   for t in $(TEMPLATES); do \
	     echo "extern const char template_$$(basename $$t .in | tr -c 'a-zA-Z0-9\n' '_')[];"; done; \
	 } > $@.tmp && mv $@.tmp $@

$(B)/gen/templates.o: $(B)/gen/templates.c $(B)/gen/templates.h
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The rules' help (--explain, SARIF) comes from the RULES section of the man page.
$(B)/gen/rulehelp.c: docs/hermes-unit-lint.1 build-aux/rulehelp.sh
	@mkdir -p $(@D)
	sh build-aux/rulehelp.sh docs/hermes-unit-lint.1 $@

$(B)/gen/rulehelp.o: $(B)/gen/rulehelp.c $(B)/config.mk
	$(CC) $(ALL_CFLAGS) -Ilint -c -o $@ $<

# One Markdown page per rule (what SARIF's helpUri points to, to publish under $(HOMEPAGE)/rules/).
rule-pages:
	@mkdir -p $(B)/gen
	sh build-aux/rulehelp.sh docs/hermes-unit-lint.1 $(B)/gen/rulehelp-pages.c $(B)/rules
	@echo "rule-pages: $(B)/rules/"

$(B)/libhermes-guardrails.a: $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

# The programs' code minus main.c, so that tests can link it.
$(B)/libgenerator.a: $(filter-out $(B)/generator/main.o,$(GEN_OBJ))
	@rm -f $@
	$(AR) rcs $@ $^

$(B)/liblint.a: $(filter-out $(B)/lint/main.o,$(LINT_OBJ))
	@rm -f $@
	$(AR) rcs $@ $^

$(GENERATOR): $(GEN_OBJ) $(B)/libhermes-guardrails.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(LINT): $(LINT_OBJ) $(B)/libhermes-guardrails.a
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(DEP_LIBS)

# Tests of lib/ link the library only; test_gen_* and test_lint_* also link the
# generator's or the linter's code (minus main.c).
TEST_CC = $(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) -Igenerator -Ilint -o $@ $(filter %.c %.a,$^) \
          $(ALL_LDFLAGS) $(CMOCKA_LIBS) $(DEP_LIBS)

$(B)/tests/test_gen_%: tests/unit/test_gen_%.c $(B)/libgenerator.a $(B)/libhermes-guardrails.a
	@mkdir -p $(@D)
	$(TEST_CC)

$(B)/tests/test_lint_%: tests/unit/test_lint_%.c $(B)/liblint.a $(B)/libhermes-guardrails.a
	@mkdir -p $(@D)
	$(TEST_CC)

$(B)/tests/test_%: tests/unit/test_%.c $(B)/libhermes-guardrails.a
	@mkdir -p $(@D)
	$(TEST_CC)

# ---- tests ----------------------------------------------------------------
# bench/: a runner comparing two commands' CPU time, and the libsystemd floor (defined
# before the rules that need them: make expands prerequisites as it reads them).
BENCH_TOOLS := $(B)/bench/bench-runner $(B)/bench/bench-floor

# Every suite runs even when an earlier one fails; the summary line says how many did.
check: all $(TEST_BIN) $(BENCH_TOOLS)
	@B=$(B) sh tests/run-all.sh

check-unit: all $(TEST_BIN)
	@B=$(B) sh tests/run-all.sh unit

check-golden: all $(B)/liblint.a $(BENCH_TOOLS)
	@B=$(B) sh tests/run-all.sh golden

check-e2e: all
	@B=$(B) sh tests/run-all.sh e2e

check-man:
	@B=$(B) sh tests/run-all.sh man

# The Debian package, built in a clean copy, lintian, installed, used in a real
# systemd --user, upgraded, run by the Ansible playbook, purged (root; .ci/run calls it).
deb-check:
	@sh tests/deb/deb-check.sh

demo: all
	@B=$(B) sh tests/demo.sh

fuzz:
	@B=$(B) sh tests/fuzz/run.sh

$(B)/bench/bench-runner: bench/runner.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(WARN) $(CFLAGS) -o $@ $<

$(B)/bench/bench-floor: bench/floor.c $(B)/config.mk
	@mkdir -p $(@D)
	$(CC) -std=gnu11 $(WARN) $(CFLAGS) $(DEP_CFLAGS) -o $@ $< $(DEP_LIBS)

bench: all $(BENCH_TOOLS)
	@B=$(B) sh bench/run.sh
	@B=$(B) sh bench/hostile-jobs.sh
	@B=$(B) sh bench/diagnose.sh

# ---- install --------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(USERGENDIR) $(DESTDIR)$(MANDIR)/man1 \
	        $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(EXAMPLEDIR) $(DESTDIR)$(DATADIR)
	$(if $(filter 1,$(ETC_DIRS)),install -d $(DESTDIR)$(SYSCONFDIR)/hermes-guardrails/policy.conf.d)
	install -m 0755 $(GENERATOR) $(DESTDIR)$(USERGENDIR)/hermes-guardrail-generator
	ln -sf $(USERGENDIR)/hermes-guardrail-generator $(DESTDIR)$(BINDIR)/hermes-guardrail-generator
	$(if $(LINT_SRC),install -m 0755 $(LINT) $(DESTDIR)$(BINDIR)/hermes-unit-lint)
	$(if $(filter 1,$(SYSTEM_GENERATOR)),install -d $(DESTDIR)$(SYSTEMGENDIR) && \
	  ln -sf $(USERGENDIR)/hermes-guardrail-generator $(DESTDIR)$(SYSTEMGENDIR)/hermes-guardrail-generator)
	install -m 0644 templates/policy.conf.example $(DESTDIR)$(EXAMPLEDIR)/policy.conf.example
	install -m 0755 templates/hermes-gateway-watchdog.sh $(DESTDIR)$(DATADIR)/hermes-gateway-watchdog.sh
	for m in docs/*.[158]; do s=$${m##*.}; install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	rm -f $(DESTDIR)$(USERGENDIR)/hermes-guardrail-generator \
	      $(DESTDIR)$(SYSTEMGENDIR)/hermes-guardrail-generator \
	      $(DESTDIR)$(BINDIR)/hermes-guardrail-generator $(DESTDIR)$(BINDIR)/hermes-unit-lint \
	      $(DESTDIR)$(EXAMPLEDIR)/policy.conf.example \
	      $(DESTDIR)$(DATADIR)/hermes-gateway-watchdog.sh
	-rmdir $(DESTDIR)$(DATADIR)
	for m in docs/*.[158]; do s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	-rmdir $(DESTDIR)$(SYSCONFDIR)/hermes-guardrails/policy.conf.d $(DESTDIR)$(SYSCONFDIR)/hermes-guardrails

clean:
	rm -rf build build-san

help:
	@sed -n '3,10p' Makefile | sed 's/^# \{0,1\}//'

-include $(shell find $(B) -name '*.d' 2>/dev/null)
