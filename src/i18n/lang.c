#include "clusterscope/i18n.h"

#include "clusterscope/error.h"

#include <string.h>

int cs_lang_parse(cs_lang *out, const char *name)
{
    if (name && strcmp(name, "en") == 0)
        *out = CS_LANG_EN;
    else if (name && strcmp(name, "ru") == 0)
        *out = CS_LANG_RU;
    else
        return cs_error_set(CS_EUSAGE, "expected a language en or ru, found '%s'",
                            name ? name : "");
    return 0;
}

const char *cs_lang_name(cs_lang lang)
{
    return lang == CS_LANG_RU ? "ru" : "en";
}
