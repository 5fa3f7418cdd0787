#!/usr/bin/env bash
# Posts FILE (the gate's Markdown summary) as the pull request's LogBench comment, or edits the one
# already there, found by its marker, so a pull request carries one comment however often it is pushed.
#
# Usage: Scripts/pr-comment.sh FILE
# Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), PR_NUMBER, GITHUB_API_URL (default
#   https://api.github.com). Without GITHUB_TOKEN it prints the request it would make and exits 0
#   (Scripts/run-workflow-steps.sh runs it that way).
# Exit: 0 posted, updated or dry run · 64 bad argument or environment · 70 the API refused.
set -euo pipefail

marker='<!-- logbench-gate -->'
limit=60000 # GitHub's comment limit is 65536 characters; the rest is in the job summary

usage() {
    echo "pr-comment: $*" >&2
    exit 64
}
[[ $# -eq 1 ]] || usage "usage: Scripts/pr-comment.sh FILE"
file="$1"
[[ -f "$file" && -r "$file" ]] || usage "$file is not a readable file"
[[ "${PR_NUMBER:-}" =~ ^[1-9][0-9]{0,9}$ ]] || usage "PR_NUMBER must be a pull request number (got \"${PR_NUMBER:-}\")"
[[ "${GITHUB_REPOSITORY:-}" =~ ^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$ ]] ||
    usage "GITHUB_REPOSITORY must be owner/name (got \"${GITHUB_REPOSITORY:-}\")"
api="${GITHUB_API_URL:-https://api.github.com}"

summary="$(head -c "$limit" "$file")"
if (($(wc -c <"$file") > limit)); then
    summary+=$'\n\n_(cut: the whole summary is in the job summary and the uploaded results)_'
fi
body="$(jq -n --arg body "$marker"$'\n'"$summary" '{body: $body}')"

if [[ -z "${GITHUB_TOKEN:-}" ]]; then
    echo "pr-comment: no GITHUB_TOKEN: would post or update the comment marked $marker on" \
        "$GITHUB_REPOSITORY#$PR_NUMBER ($(printf '%s' "$body" | wc -c) bytes of JSON)"
    exit 0
fi

call() { # METHOD URL [DATA]: prints the response body, fails on an HTTP error
    curl --silent --show-error --fail-with-body --max-time 30 -X "$1" \
        -H "Authorization: Bearer $GITHUB_TOKEN" -H "Accept: application/vnd.github+json" \
        -H "X-GitHub-Api-Version: 2022-11-28" "$2" ${3:+--data "$3"}
}

existing=""
for page in 1 2 3 4 5 6 7 8 9 10; do
    comments="$(call GET "$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments?per_page=100&page=$page")" ||
        { echo "pr-comment: listing comments failed: $comments" >&2; exit 70; }
    existing="$(jq -r --arg m "$marker" '[.[] | select(.body | startswith($m))][0].id // empty' <<<"$comments")"
    [[ -n "$existing" || "$(jq length <<<"$comments")" -lt 100 ]] && break
done
if [[ -n "$existing" ]]; then
    call PATCH "$api/repos/$GITHUB_REPOSITORY/issues/comments/$existing" "$body" >/dev/null ||
        { echo "pr-comment: updating comment $existing failed" >&2; exit 70; }
    echo "pr-comment: updated comment $existing"
else
    call POST "$api/repos/$GITHUB_REPOSITORY/issues/$PR_NUMBER/comments" "$body" >/dev/null ||
        { echo "pr-comment: posting the comment failed" >&2; exit 70; }
    echo "pr-comment: posted a comment on #$PR_NUMBER"
fi
