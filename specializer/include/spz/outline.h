/* spz/outline.h -- units of a module built with the linked runtime call the runtime's one
 * compiled copy of some header helpers instead of compiling their own (each an alias `*_x` in
 * src/outline.c). Included by generated code after every other header, with the linked runtime
 * only. A helper missing here is simply compiled in the unit as before.
 *
 * Every unit: the calls of a Python callable (SPZ_OUTLINED_CALLS), whose callee costs tens of
 * nanoseconds while a call more costs about one. Inlined at -O2 they were 7 % of sample100's
 * hot unit (0.53 -> 0.49 s CPU; `total += p.norm()` in a loop).
 *
 * The cold units (cgen/units.ts "Tiers": the generic halves, compiled at -Og with -DPYC_COLD):
 * the generic operations, the frame moves, push and pop (SPZ_OUTLINED). At -Og gcc emitted an
 * out-of-line copy of each one a unit calls: the generic operations were a fifth of the cold
 * unit's compile time (sample100: 0.11 of 0.6 s CPU), the frame moves and the frame push and pop
 * another 0.36 G of its 2.7 G cc1 instructions. The hot units keep those inline (a frame move can
 * precede a list store in an inner loop: called out of line, sieve ran 27 % slower). */
#ifndef SPZ_OUTLINE_H
#define SPZ_OUTLINE_H

#define SPZ_OUTLINED_CALLS(X) \
    X(spz_vcall_obj) \
    X(spz_vcall) \
    X(spz_call_vc) \
    X(spz_callmethod)

#define SPZ_OUTLINED(X) \
    X(spz_frame_line) \
    X(spz_frame_find) \
    X(spz_frame_push_in) \
    X(spz_frame_pop) \
    X(spz_callmethod_deque) \
    X(spz_callmethod_heapq) \
    X(spz_getattr) \
    X(spz_setattr) \
    X(spz_getitem) \
    X(spz_getitem_ci) \
    X(spz_setitem) \
    X(spz_load_global_cached) \
    X(spz_math_cached) \
    X(spz_num_add) \
    X(spz_num_iadd) \
    X(spz_num_add_s) \
    X(spz_num_add_any) \
    X(spz_num_sub) \
    X(spz_num_isub) \
    X(spz_num_sub_s) \
    X(spz_num_sub_any) \
    X(spz_num_mul) \
    X(spz_num_imul) \
    X(spz_num_mul_s) \
    X(spz_num_mul_any) \
    X(spz_num_mod) \
    X(spz_num_imod) \
    X(spz_num_mod_any) \
    X(spz_num_floordiv) \
    X(spz_num_ifloordiv) \
    X(spz_num_floordiv_any) \
    X(spz_richcompare) \
    X(spz_truth) \
    X(spz_as_i64) \
    X(spz_iter_next) \
    X(spz_range_item) \
    X(spz_minmax2_fast) \
    X(spz_round2_fast) \
    X(spz_f64_round_digits) \
    X(spz_list_iter_at) \
    X(spz_range_resume) \
    X(spz_zip_resume)

#define SPZ_OUTLINE_DECL(h) SPZ_API __typeof__(h) h##_x;
SPZ_OUTLINED_CALLS(SPZ_OUTLINE_DECL)
SPZ_OUTLINED(SPZ_OUTLINE_DECL)
#undef SPZ_OUTLINE_DECL

/* the generated code's calls (a name missing here would only be compiled locally; one here but
 * in neither list fails to link); not in outline.c, which defines the copies */
#ifndef SPZ_OUTLINE_H_LIST_ONLY
#define spz_vcall_obj spz_vcall_obj_x
#define spz_vcall spz_vcall_x
#define spz_call_vc spz_call_vc_x
#define spz_callmethod spz_callmethod_x
#ifdef PYC_COLD
#define spz_frame_line spz_frame_line_x
#define spz_frame_find spz_frame_find_x
#define spz_frame_push_in spz_frame_push_in_x
#define spz_frame_pop spz_frame_pop_x
#define spz_callmethod_deque spz_callmethod_deque_x
#define spz_callmethod_heapq spz_callmethod_heapq_x
#define spz_getattr spz_getattr_x
#define spz_setattr spz_setattr_x
#define spz_getitem spz_getitem_x
#define spz_getitem_ci spz_getitem_ci_x
#define spz_setitem spz_setitem_x
#define spz_load_global_cached spz_load_global_cached_x
#define spz_math_cached spz_math_cached_x
#define spz_num_add spz_num_add_x
#define spz_num_iadd spz_num_iadd_x
#define spz_num_add_s spz_num_add_s_x
#define spz_num_add_any spz_num_add_any_x
#define spz_num_sub spz_num_sub_x
#define spz_num_isub spz_num_isub_x
#define spz_num_sub_s spz_num_sub_s_x
#define spz_num_sub_any spz_num_sub_any_x
#define spz_num_mul spz_num_mul_x
#define spz_num_imul spz_num_imul_x
#define spz_num_mul_s spz_num_mul_s_x
#define spz_num_mul_any spz_num_mul_any_x
#define spz_num_mod spz_num_mod_x
#define spz_num_imod spz_num_imod_x
#define spz_num_mod_any spz_num_mod_any_x
#define spz_num_floordiv spz_num_floordiv_x
#define spz_num_ifloordiv spz_num_ifloordiv_x
#define spz_num_floordiv_any spz_num_floordiv_any_x
#define spz_richcompare spz_richcompare_x
#define spz_truth spz_truth_x
#define spz_as_i64 spz_as_i64_x
#define spz_iter_next spz_iter_next_x
#define spz_range_item spz_range_item_x
#define spz_minmax2_fast spz_minmax2_fast_x
#define spz_round2_fast spz_round2_fast_x
#define spz_f64_round_digits spz_f64_round_digits_x
#define spz_list_iter_at spz_list_iter_at_x
#define spz_range_resume spz_range_resume_x
#define spz_zip_resume spz_zip_resume_x
#endif /* PYC_COLD */

/* each listed helper is redirected above: sizeof("h_x") where the #define exists, else shorter */
#define SPZ_OUTLINE_STR_(x) #x
#define SPZ_OUTLINE_STR(x) SPZ_OUTLINE_STR_(x)
#define SPZ_OUTLINE_CHECK(h) _Static_assert(sizeof(SPZ_OUTLINE_STR(h)) == sizeof(#h "_x"), #h " is listed in spz/outline.h but not redirected");
SPZ_OUTLINED_CALLS(SPZ_OUTLINE_CHECK)
#ifdef PYC_COLD
SPZ_OUTLINED(SPZ_OUTLINE_CHECK)
#endif
#undef SPZ_OUTLINE_CHECK

#endif
#endif
