/* outline.c -- the compiled copies of the helpers spz/outline.h lists, for the units of modules
 * built with the linked runtime: each an alias of this translation unit's own copy of the
 * header's static function, under the name with `_x`, hidden like every runtime symbol. (The
 * headers come with specializer.h, included first by spz_runtime.c.) */

#define SPZ_OUTLINE_DEF(h) SPZ_API __typeof__(h) h##_x __attribute__((alias(#h)));
/* outline.h's list, without its #defines (those are for generated code) */
#define SPZ_OUTLINE_H_LIST_ONLY
#include "spz/outline.h"
SPZ_OUTLINED_CALLS(SPZ_OUTLINE_DEF)
SPZ_OUTLINED(SPZ_OUTLINE_DEF)
