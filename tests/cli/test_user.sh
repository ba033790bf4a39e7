# clusterscope user (README "Accounts", src/cli/cmd_user.c): add prints a token once and stores
# only its hash; passwd reads the password twice (or once with --password-stdin); check names a
# token's account; every bad input is refused with its message and exit status, and changes
# nothing.
. tests/cli/lib.sh
db="$T/reg.db"
expect_status 0 "$CS" --db "$db" init

# add: the token once, on its own line, and only its hash in the registry
expect_status 0 "$CS" --db "$db" user add ann --role editor
expect_contains "$T/out" "account 'ann' (editor) added to $db"
token=$(grep '^cst_' "$T/out")
[ ${#token} -eq 47 ] || fail "token '$token' is not 47 characters"
check
printf '%s\n' "$token" | "$CS" --db "$db" user check >"$T/out" 2>"$T/err" || fail "check: $(cat "$T/err")"
[ "$(cat "$T/out")" = "ann editor" ] || fail "check printed '$(cat "$T/out")'"
check
if command -v sqlite3 >/dev/null 2>&1; then
    rest=$(printf '%s' "$token" | cut -c13-)
    ! sqlite3 "$db" .dump | grep -q -- "$rest" || fail "the token is stored in the registry"
    check
fi
expect_status 0 "$CS" --db "$db" user add bob --role viewer
expect_status 0 "$CS" user add root.1 --role admin --db "$db"

# bad inputs: each its message and status, and no account made
expect_status 2 "$CS" --db "$db" user add ann --role viewer
expect_contains "$T/err" "an account named 'ann' is already in $db"
expect_status 2 "$CS" --db "$db" user add carl --role god
expect_contains "$T/err" "role 'god': expected viewer, editor or admin"
expect_status 2 "$CS" --db "$db" user add carl
expect_contains "$T/err" "expected --role viewer, editor or admin"
expect_status 2 "$CS" --db "$db" user add 'c l' --role viewer
expect_contains "$T/err" "account name 'c l': character 2: expected a letter or digit, '.', '_' or '-', found ' '"
expect_status 2 "$CS" --db "$db" user add
expect_contains "$T/err" "user add: expected an account name"
expect_status 2 "$CS" --db "$db" user remove ann
expect_contains "$T/err" "'remove': expected add, passwd or check"
expect_status 2 "$CS" --db "$db" user
expect_status 2 "$CS" --db "$db" user add carl --role viewer --colour red
expect_contains "$T/err" "unknown option '--colour'"
expect_status 1 "$CS" --db "$T/none.db" user add carl --role viewer
expect_contains "$T/err" "no registry at $T/none.db"
if command -v sqlite3 >/dev/null 2>&1; then
    [ "$(sqlite3 "$db" 'SELECT group_concat(name) FROM account')" = "ann,bob,root.1" ] ||
        fail "accounts: $(sqlite3 "$db" 'SELECT group_concat(name) FROM account')"
    check
fi

# passwd: twice on standard input, or once with --password-stdin
printf 'correct horse\ncorrect horse\n' >"$T/pw"
expect_status 0 sh -c "\"$CS\" --db \"$db\" user passwd ann <\"$T/pw\""
expect_contains "$T/out" "password of 'ann' set in $db"
printf 'short\nshort\n' >"$T/pw"
expect_status 3 sh -c "\"$CS\" --db \"$db\" user passwd ann <\"$T/pw\""
expect_contains "$T/err" "the password has 5 characters; at least 10 are needed"
printf 'correct horse\ncorrect h0rse\n' >"$T/pw"
expect_status 3 sh -c "\"$CS\" --db \"$db\" user passwd ann <\"$T/pw\""
expect_contains "$T/err" "the two passwords differ; nothing was changed"
printf 'correct horse\n' >"$T/pw"
expect_status 3 sh -c "\"$CS\" --db \"$db\" user passwd ann <\"$T/pw\""
expect_contains "$T/err" "the password was given once; give it twice"
expect_status 0 sh -c "\"$CS\" --db \"$db\" user passwd bob --password-stdin <\"$T/pw\""
expect_status 3 sh -c "\"$CS\" --db \"$db\" user passwd bob --password-stdin </dev/null"
expect_contains "$T/err" "no password on standard input"
expect_status 1 sh -c "\"$CS\" --db \"$db\" user passwd zed --password-stdin <\"$T/pw\""
expect_contains "$T/err" "no account named 'zed' in $db"
if command -v sqlite3 >/dev/null 2>&1; then
    sqlite3 "$db" 'SELECT password_hash FROM account' | grep -q 'correct' && fail "a password is stored"
    [ "$(sqlite3 "$db" "SELECT count(*) FROM account WHERE password_hash LIKE '\$argon2id\$%'")" = 2 ] ||
        fail "not two Argon2id password hashes"
    check
fi

# check: a wrong token and a malformed one
wrong=$(printf '%s' "$token" | sed 's/.$/A/')
[ "$wrong" = "$token" ] && wrong=$(printf '%s' "$token" | sed 's/.$/B/')
expect_status 1 sh -c "printf '%s\n' '$wrong' | \"$CS\" --db \"$db\" user check"
expect_contains "$T/err" "no account has this token (wrong, or revoked)"
expect_status 3 sh -c "printf 'cst_abc\n' | \"$CS\" --db \"$db\" user check"
expect_contains "$T/err" "a malformed token (7 bytes): expected 'cst_' and 43 characters of base64url"
expect_status 3 sh -c "\"$CS\" --db \"$db\" user check </dev/null"
expect_contains "$T/err" "no token on standard input"

# help
expect_status 0 "$CS" help user
expect_contains "$T/out" "usage: clusterscope user add NAME --role viewer|editor|admin"
done_checks
