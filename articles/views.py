"""Public story pages. Placeholder views; the public site (issue 5) replaces them."""

from django.shortcuts import get_object_or_404, render

from .models import Article


def home(request):
    stories = Article.objects.published().newest_first()[:20]
    return render(request, "articles/home.html", {"stories": stories})


def story_list(request):
    stories = Article.objects.published().newest_first()[:50]
    return render(request, "articles/home.html", {"stories": stories})


def story_detail(request, slug):
    story = get_object_or_404(Article.objects.visible_to(request.user), slug=slug)
    return render(request, "articles/article_detail.html", {"story": story})
