"""nbgrader configuration for the navtrain course (read by `navtrain course ...`,
by the nbgrader CLI and by formgrader in JupyterLab)."""

c = get_config()  # noqa: F821 - provided by nbgrader's config loader

c.CourseDirectory.course_id = "navtrain"
# Files of an assignment's source folder that are never released to trainees: the proof
# harness's typical wrong answers (exercises/source/<assignment>/wrong_answers.py).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "wrong_answers.py"]
# Graded notebooks read only bundled data; a cell that runs longer than this is a bug.
c.Execute.timeout = 120
# Stubs trainees see in place of the solutions (bilingual so the grader's wording matches).
c.ClearSolutions.code_stub = {
    "python": "# 在此编写代码 (YOUR CODE HERE)\nraise NotImplementedError()",
}
c.ClearSolutions.text_stub = "在此作答 (YOUR ANSWER HERE)"

# nbgrader shows hidden tests (and tracebacks quoting them) in feedback; navtrain's
# preprocessor removes both, also when feedback is generated from formgrader.
try:
    from navtrain.course import feedback_preprocessors

    c.GenerateFeedback.preprocessors = feedback_preprocessors()
except ImportError:  # navtrain not installed in this environment
    pass
