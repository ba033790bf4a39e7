/*
 * news.h: how the store fills a cs_news_list and a cs_digest_issue (registry.h). A list made by
 * cs_news_list_new() belongs to the caller until handed on and is freed with
 * cs_news_list_free(); every _add copies its strings (NULL stays NULL), so the caller's strings
 * may go right after the call. Items keep the order they are added in.
 */
#ifndef CS_REGISTRY_NEWS_H
#define CS_REGISTRY_NEWS_H

#include "clusterscope/registry.h"

int cs_news_list_new(cs_news_list **out);
/* Appends a copy of ITEM without its Q&A and targets (its qa and targets are ignored); *index
 * receives its position for the two calls below. */
int cs_news_list_add(size_t *index, cs_news_list *list, const cs_news_item *item);
/* Appends a question and answer to item INDEX (they come in position order). */
int cs_news_list_add_qa(cs_news_list *list, size_t index, const char *question, const char *answer);
/* Appends a target to item INDEX (they come by kind, then key). */
int cs_news_list_add_target(cs_news_list *list, size_t index, const cs_news_target *target);

/* A new, empty issue (number 0, every string NULL); freed with cs_digest_issue_free(). */
int cs_digest_issue_new(cs_digest_issue **out);
/* A copy of S kept by the issue (NULL stays NULL), or NULL with CS_ENOMEM set when S was not. */
const char *cs_digest_issue_keep(cs_digest_issue *issue, const char *s, int *failed);

#endif
